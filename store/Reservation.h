#pragma once

#include <QtGlobal>

namespace quotadesk {

// What a request is expected to use (at acquire) or did use (at settle).
struct Reservation
{
    qint64 tokens = 0;
    double gpuSeconds = 0; // sent to the scripts as whole gpu_ms, rounded
};

} // namespace quotadesk
