// Proves the test fixture: a real redis-server per test in each mode the store must support.
#include "LocalRedisServer.h"
#include "RedisConnection.h"
#include "StoreError.h"
#include "TestMain.h"

#include <QDir>
#include <QFile>

using namespace quotadesk;
using namespace quotadesk;

class TestLocalRedisServer final : public QObject
{
    Q_OBJECT

private slots:
    void setAndGetThroughHiredis()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection conn(server.endpoint());
        QCOMPARE(conn.call({"SET", "greeting", QByteArray("hello\0world", 11)}).string, QByteArray("OK"));
        QCOMPARE(conn.call({"GET", "greeting"}).string, QByteArray("hello\0world", 11));
        QVERIFY(conn.call({"GET", "missing"}).isNil());
        const auto replies =
            conn.pipeline({{"INCR", "n"}, {"INCRBY", "n", "41"}, {"LRANGE", "nope", "0", "-1"}});
        QCOMPARE(replies.size(), 3);
        QCOMPARE(replies[1].integer, 42);
        QVERIFY(replies[2].isArray());
        QCOMPARE(replies[2].elements.size(), 0);
    }

    void eachServerHasItsOwnPortAndDirectory()
    {
        LocalRedisServer a, b;
        QVERIFY2(a.start(), qPrintable(a.errorString()));
        QVERIFY2(b.start(), qPrintable(b.errorString()));
        QVERIFY(a.port() != b.port());
        QVERIFY(a.directory() != b.directory());
        const QString dir = a.directory();
        QVERIFY(QDir(dir).exists());
        a.stop();
        QVERIFY(!a.isRunning());
    }

    void directoryRemovedWhenServerObjectDies()
    {
        QString dir;
        {
            LocalRedisServer server;
            QVERIFY2(server.start(), qPrintable(server.errorString()));
            dir = server.directory();
        }
        QVERIFY(!QDir(dir).exists());
    }

    void passwordAuth()
    {
        LocalRedisServer::Options options;
        options.password = QStringLiteral("s3cret");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        RedisConnection good(server.endpoint());
        QCOMPARE(good.call({"PING"}).string, QByteArray("PONG"));

        RedisEndpoint wrong = server.endpoint();
        wrong.password = QStringLiteral("nope");
        RedisConnection bad(wrong);
        try {
            bad.connect();
            QFAIL("a wrong password was accepted");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Auth);
            QVERIFY2(e.message().contains(QStringLiteral("WRONGPASS")), qPrintable(e.message()));
            QVERIFY2(!e.message().contains(QStringLiteral("nope")), "the password leaked into the message");
        }

        RedisEndpoint none = server.endpoint();
        none.password.clear();
        RedisConnection anonymous(none);
        try {
            anonymous.call({"GET", "x"});
            QFAIL("an unauthenticated command was accepted");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Auth);
        }
    }

    void aclUser()
    {
        LocalRedisServer::Options options;
        options.aclRules << QStringLiteral("user viewer on >view-pw ~qd:* &* +@read +ping");
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        RedisConnection admin(server.endpoint());
        admin.call({"SET", "qd:x", "1"});

        RedisEndpoint ep = server.endpoint();
        ep.user = QStringLiteral("viewer");
        ep.password = QStringLiteral("view-pw");
        RedisConnection viewer(ep);
        QCOMPARE(viewer.call({"GET", "qd:x"}).string, QByteArray("1"));
        try {
            viewer.call({"SET", "qd:x", "2"});
            QFAIL("a read-only user could write");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::NoPermission);
            QVERIFY2(e.message().contains(QStringLiteral("NOPERM")), qPrintable(e.message()));
        }
        QCOMPARE(admin.call({"GET", "qd:x"}).string, QByteArray("1"));
    }

    void tlsOnly()
    {
        LocalRedisServer::Options options;
        options.tls = true;
        LocalRedisServer server(options);
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(QFile::exists(server.caFile()));

        RedisConnection conn(server.endpoint());
        QCOMPARE(conn.call({"SET", "k", "v"}).string, QByteArray("OK"));
        QCOMPARE(conn.call({"GET", "k"}).string, QByteArray("v"));

        // Plain TCP to a TLS-only port gets no answer we could mistake for Redis.
        RedisEndpoint plain = server.endpoint();
        plain.tls = false;
        RedisConnection plainConn(plain, 500);
        QVERIFY_THROWS_EXCEPTION(StoreError, plainConn.call({"PING"}));

        // Without our CA the server's certificate is refused.
        RedisEndpoint noCa = server.endpoint();
        noCa.caFile.clear();
        RedisConnection untrusted(noCa);
        try {
            untrusted.connect();
            QFAIL("a certificate from an unknown CA was accepted");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Unreachable);
            QVERIFY2(e.message().contains(QStringLiteral("TLS")), qPrintable(e.message()));
        }
    }

    void restartOnSamePort()
    {
        LocalRedisServer server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        const quint16 port = server.port();
        RedisConnection conn(server.endpoint());
        conn.call({"SET", "k", "v"});

        server.kill();
        QVERIFY_THROWS_EXCEPTION(StoreError, conn.call({"PING"}));
        QVERIFY2(server.restart(), qPrintable(server.errorString()));
        QCOMPARE(server.port(), port);
        // The connection reconnects on the next call; the data is gone (no persistence in tests).
        QCOMPARE(conn.call({"PING"}).string, QByteArray("PONG"));
        QVERIFY(conn.call({"GET", "k"}).isNil());
    }
};

QUOTADESK_TEST_MAIN(TestLocalRedisServer)
#include "tst_LocalRedisServer.moc"
