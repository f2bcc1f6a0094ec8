#include "RedisEndpoint.h"
#include "StoreError.h"
#include "TestMain.h"

using namespace quotadesk;

class TestRedisEndpoint final : public QObject
{
    Q_OBJECT

private slots:
    void parsesFullUrl()
    {
        const auto ep = RedisEndpoint::fromUrl(QStringLiteral("rediss://ops:p%40ss@redis.example:6380/3"));
        QVERIFY(ep.tls);
        QCOMPARE(ep.host, QStringLiteral("redis.example"));
        QCOMPARE(ep.port, quint16(6380));
        QCOMPARE(ep.db, 3);
        QCOMPARE(ep.user, QStringLiteral("ops"));
        QCOMPARE(ep.password, QStringLiteral("p@ss"));
        QCOMPARE(ep.redacted(), QStringLiteral("rediss://ops@redis.example:6380/3"));
    }

    void defaults()
    {
        const auto ep = RedisEndpoint::fromUrl(QStringLiteral("redis://localhost"));
        QVERIFY(!ep.tls);
        QCOMPARE(ep.port, quint16(6379));
        QCOMPARE(ep.db, 0);
        QVERIFY(ep.user.isEmpty());
        QVERIFY(ep.password.isEmpty());
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("scheme") << "http://localhost"
                                << "scheme";
        QTest::newRow("db") << "redis://localhost/abc"
                            << "database";
        QTest::newRow("host") << "redis://:6379"
                              << "host";
    }

    void rejectsBadUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, mentions);
        try {
            RedisEndpoint::fromUrl(url);
            QFAIL("accepted a bad URL");
        } catch (const StoreError& e) {
            QCOMPARE(e.kind(), StoreError::Kind::Invalid);
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
        }
    }
};

QUOTADESK_TEST_MAIN(TestRedisEndpoint)
#include "tst_RedisEndpoint.moc"
