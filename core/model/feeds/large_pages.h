#pragma once

#include <cstddef>
#include <new>

namespace levlab::model {

/// Allocates large blocks on memory the kernel may back with 2 MiB pages, where it can
/// (Linux transparent huge pages in "madvise" mode, Debian's default); other blocks,
/// and other systems, as operator new does.
///
/// Months of one-minute candles fill megabytes at start-up. Touched for the first time
/// in 4 KiB pages, each page is a fault of its own, and on a virtual machine the faults
/// cost more than the candles: 2 MiB pages fault once per 512 of them.
void* allocateLarge(std::size_t bytes);
void freeLarge(void* p, std::size_t bytes) noexcept;

/// A standard allocator over allocateLarge / freeLarge (stateless: all compare equal).
template <class T>
struct LargePageAllocator {
    using value_type = T;
    LargePageAllocator() = default;
    template <class U>
    explicit LargePageAllocator(const LargePageAllocator<U>&) noexcept
    {
    }
    [[nodiscard]] T* allocate(std::size_t n) { return static_cast<T*>(allocateLarge(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { freeLarge(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const LargePageAllocator<U>&) const noexcept
    {
        return true;
    }
};

}  // namespace levlab::model
