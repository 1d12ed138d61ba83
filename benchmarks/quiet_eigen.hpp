#pragma once
// Eigen, included before anything else in the benchmarks. Built with -march=native on a machine
// with AVX-512, GCC 12 warns hundreds of times that '__Y' "may be used uninitialized" inside its
// own avx512fintrin.h (GCC bug 105593, a false alarm from _mm512_undefined_*), where Eigen's
// vector code is inlined. The intrinsics headers are first read here, through Eigen/Core, so this
// silences that one warning for them alone; the benchmarks' own code keeps every warning.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>
#pragma GCC diagnostic pop
