#pragma once
// A TCP proxy for tests that cuts connections the way a field network does: the bytes passing through
// (both directions, all connections) run down a budget drawn at random around a mean; the connection
// carrying the byte that exhausts it is dropped there — mid-request or mid-response, mid-chunk for
// uploads — and a new budget is drawn. Listens on 127.0.0.1 only.

#include <QHostAddress>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>

class CuttingProxy : public QObject
{
public:
    CuttingProxy(quint16 upstreamPort, qint64 meanBytesBetweenCuts, quint64 seed)
        : m_upstream(upstreamPort)
        , m_mean(meanBytesBetweenCuts)
        , m_random(seed)
    {
        drawBudget();
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                relay(client);
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    void setUpstream(quint16 port) { m_upstream = port; }
    //! Stops (0) or restarts cutting.
    void setMeanBytesBetweenCuts(qint64 mean)
    {
        m_mean = mean;
        drawBudget();
    }
    int cuts() const { return m_cuts; }
    int connections() const { return m_connections; }
    qint64 bytes() const { return m_bytes; }
    //! Bytes that went from clients towards the server (requests, uploads), re-sends included.
    qint64 bytesUp() const { return m_bytesUp; }

private:
    void drawBudget() { m_budget = m_mean > 0 ? static_cast<qint64>(m_random.bounded(static_cast<double>(2 * m_mean))) : -1; }

    void pipe(QTcpSocket *from, QTcpSocket *to, QTcpSocket *client)
    {
        QByteArray data = from->readAll();
        if (to->state() == QAbstractSocket::UnconnectedState)
            return; // the other side is already gone
        m_bytes += data.size();
        if (from == client)
            m_bytesUp += data.size();
        if (m_budget >= 0 && data.size() >= m_budget) {
            to->write(data.left(m_budget));
            to->flush();
            ++m_cuts;
            drawBudget();
            client->abort();
            return;
        }
        if (m_budget >= 0)
            m_budget -= data.size();
        to->write(data);
    }

    void relay(QTcpSocket *client)
    {
        ++m_connections;
        auto *server = new QTcpSocket(client);
        connect(client, &QTcpSocket::readyRead, server, [=, this] { pipe(client, server, client); });
        connect(server, &QTcpSocket::readyRead, client, [=, this] { pipe(server, client, client); });
        connect(client, &QTcpSocket::disconnected, server, [server] { server->disconnectFromHost(); });
        connect(server, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(server, &QTcpSocket::errorOccurred, client, [client](QAbstractSocket::SocketError) { client->abort(); });
        server->connectToHost(QHostAddress::LocalHost, m_upstream);
    }

    QTcpServer m_server;
    quint16 m_upstream;
    qint64 m_mean;
    qint64 m_budget = -1;
    QRandomGenerator m_random;
    int m_cuts = 0;
    int m_connections = 0;
    qint64 m_bytes = 0;
    qint64 m_bytesUp = 0;
};
