// Decimation for the live charts: spikes survive, output stays within 2 points per pixel column.
#include "SeriesDecimator.h"
#include "TestMain.h"

#include <QRandomGenerator>

using namespace quotadesk;

class TestSeriesDecimator final : public QObject
{
    Q_OBJECT

private slots:
    void millionPointsKeepEverySpike()
    {
        constexpr int n = 1'000'000;
        constexpr int width = 800;
        QList<QPointF> points;
        points.reserve(n);
        QRandomGenerator rng(42);
        QList<int> spikes;
        for (int i = 0; i < n; ++i)
            points.append(QPointF(i, 10.0 + rng.bounded(1.0)));
        // Single-sample spikes, up and down, some in the same pixel column as each other.
        for (int i = 997; i < n; i += 7919) {
            points[i].setY(i % 2 ? 1000.0 + i : -1000.0 - i);
            spikes.append(i);
        }
        const QList<QPointF> out = SeriesDecimator::minMax(points, width);
        QVERIFY2(out.size() <= 2 * width, qPrintable(QString::number(out.size())));
        QVERIFY(out.size() >= width); // not trivially empty: min and max of each column
        for (int i : spikes) {
            // Two spikes can share a column only if they are ~1250 samples apart; at 7919 they never do.
            const bool kept =
                std::any_of(out.begin(), out.end(), [&](const QPointF& p) { return p == points[i]; });
            QVERIFY2(kept, qPrintable(QStringLiteral("spike at %1 dropped").arg(i)));
        }
        for (qsizetype i = 1; i < out.size(); ++i)
            QVERIFY(out[i].x() > out[i - 1].x()); // still in time order
    }

    void storeBucketsDecimateLikePoints()
    {
        // LiveChart decimates SeriesPoint buckets directly; the result must be what the QPointF path gives.
        QList<SeriesPoint> buckets;
        QList<QPointF> points;
        QRandomGenerator rng(7);
        for (int i = 0; i < 100'000; ++i) {
            const double v = i % 4999 == 0 ? 5000.0 : rng.bounded(100.0);
            buckets.append({1'700'000'000'000 + qint64(i) * 60000, v});
            points.append(QPointF(double(buckets.last().timeMs), v));
        }
        const QList<QPointF> out = SeriesDecimator::minMaxBuckets(buckets, 640);
        QCOMPARE(out, SeriesDecimator::minMax(points, 640));
        QVERIFY(out.size() <= 2 * 640 && out.size() >= 640);
        QCOMPARE(std::count_if(out.begin(), out.end(), [](const QPointF& p) { return p.y() == 5000.0; }), 21);
        const QList<SeriesPoint> few{{0, 1}, {60000, 5}};
        QCOMPARE(SeriesDecimator::minMaxBuckets(few, 100), (QList<QPointF>{{0, 1}, {60000, 5}}));
    }

    void shortSeriesUnchanged()
    {
        const QList<QPointF> points{{0, 1}, {1, 5}, {2, 3}};
        QCOMPARE(SeriesDecimator::minMax(points, 100), points);
        QCOMPARE(SeriesDecimator::minMax({}, 100).size(), 0);
    }

    void constantColumnGivesOnePoint()
    {
        QList<QPointF> points;
        for (int i = 0; i < 1000; ++i)
            points.append(QPointF(i, 7));
        const QList<QPointF> out = SeriesDecimator::minMax(points, 10);
        QCOMPARE(out.size(), 10); // min == max in every column
        for (const QPointF& p : out)
            QCOMPARE(p.y(), 7.0);
    }
};

QUOTADESK_TEST_MAIN(TestSeriesDecimator)
#include "tst_SeriesDecimator.moc"
