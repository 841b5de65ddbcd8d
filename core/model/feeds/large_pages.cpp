#include "core/model/feeds/large_pages.h"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace levlab::model {

#if defined(__linux__) && defined(MADV_HUGEPAGE)
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t roundedUp(std::size_t bytes)
{
    return (bytes + kHugePage - 1) / kHugePage * kHugePage;
}

}  // namespace

void* allocateLarge(std::size_t bytes)
{
    if (bytes < kHugePage)
        return ::operator new(bytes);
    void* p = std::aligned_alloc(kHugePage, roundedUp(bytes));
    if (!p)
        throw std::bad_alloc();
    // Advice only: where huge pages are off, the block is an ordinary one.
    (void)madvise(p, roundedUp(bytes), MADV_HUGEPAGE);
    return p;
}

void freeLarge(void* p, std::size_t bytes) noexcept
{
    if (bytes < kHugePage)
        ::operator delete(p);
    else
        std::free(p);
}

#else

void* allocateLarge(std::size_t bytes)
{
    return ::operator new(bytes);
}

void freeLarge(void* p, std::size_t) noexcept
{
    ::operator delete(p);
}

#endif

}  // namespace levlab::model
