#pragma once

// Local stand-ins for a venue, started by the tests on 127.0.0.1: a websocket
// server that sends what the test says (recorded frames, garbage, nothing) and
// drops connections on demand, and a small HTTP server for the REST backfill.
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

#include <functional>

namespace levlab::test {

class FakeStreamServer final {
public:
    /// Port 0: any free port; a port given: that one (a server brought back where it was).
    explicit FakeStreamServer(quint16 port = 0) : m_server(QStringLiteral("fake venue"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress::LocalHost, port);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, &m_server, [this] {
            while (QWebSocket* s = m_server.nextPendingConnection()) {
                ++connections;
                m_clients.append(s);
                QObject::connect(s, &QWebSocket::textMessageReceived, s, [this, s](const QString& text) {
                    received.append(text);
                    if (onText)
                        onText(s, text);
                });
                QObject::connect(s, &QWebSocket::disconnected, s, &QObject::deleteLater);
                if (onConnect)
                    onConnect(s);
            }
        });
    }
    [[nodiscard]] QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort())); }

    void send(const QString& text)
    {
        for (const auto& c : m_clients)
            if (c)
                c->sendTextMessage(text);
    }
    void send(const QByteArray& text) { send(QString::fromUtf8(text)); }
    /// Drops every connection without a closing handshake, as a network fault does.
    void dropAll()
    {
        for (const auto& c : m_clients)
            if (c)
                c->abort();
        m_clients.clear();
    }

    int connections = 0;
    QStringList received;
    std::function<void(QWebSocket*)> onConnect;
    std::function<void(QWebSocket*, const QString&)> onText;

private:
    QWebSocketServer m_server;
    QList<QPointer<QWebSocket>> m_clients;
};

/// One HTTP request as the server read it.
struct HttpRequest {
    QByteArray method;
    QUrl url;
    QByteArray body;
    [[nodiscard]] qint64 queryNumber(const QString& key) const
    {
        return QUrlQuery(url).queryItemValue(key).toLongLong();
    }
};

struct HttpResponse {
    int status = 200;
    QByteArray body;
};

class FakeRestServer final {
public:
    explicit FakeRestServer(quint16 port = 0)
    {
        m_server.listen(QHostAddress::LocalHost, port);
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { read(s); });
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    [[nodiscard]] QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    QList<HttpRequest> requests;
    /// Answers each request; the default is an empty JSON array.
    std::function<HttpResponse(const HttpRequest&)> handler;

private:
    void read(QTcpSocket* s)
    {
        QByteArray& buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> head = buffer.left(end).split('\n');
        qsizetype length = 0;
        for (const QByteArray& line : head)
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        const QList<QByteArray> first = head.value(0).trimmed().split(' ');
        HttpRequest r { first.value(0), QUrl(QString::fromLatin1(first.value(1))), buffer.mid(end + 4, length) };
        m_buffers.remove(s);
        requests.append(r);
        const HttpResponse answer = handler ? handler(r) : HttpResponse { 200, "[]" };
        const QByteArray reason = answer.status == 200 ? "OK" : "Error";
        s->write("HTTP/1.1 " + QByteArray::number(answer.status) + " " + reason
            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
            + QByteArray::number(answer.body.size()) + "\r\n\r\n" + answer.body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

} // namespace levlab::test
