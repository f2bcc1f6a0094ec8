#pragma once

#include <QStandardPaths>
#include <QTest>

// QTEST_GUILESS_MAIN / QTEST_MAIN with test mode on, so no test reads or writes a user's configuration.
#define QUOTADESK_TEST_MAIN_IMPL(TestObject, AppType)                                                        \
    int main(int argc, char** argv)                                                                          \
    {                                                                                                        \
        QStandardPaths::setTestModeEnabled(true);                                                            \
        AppType app(argc, argv);                                                                             \
        app.setAttribute(Qt::AA_Use96Dpi, true);                                                             \
        TestObject tc;                                                                                       \
        QTEST_SET_MAIN_SOURCE_PATH                                                                           \
        return QTest::qExec(&tc, argc, argv);                                                                \
    }

#define QUOTADESK_TEST_MAIN(TestObject) QUOTADESK_TEST_MAIN_IMPL(TestObject, QCoreApplication)
