// Hand-written baseline for the T_eff harness: the 3D nonlinear diffusion residual with inverse
// spacings, as ParallelStencil's miniapps write it (Kernels.NonlinearDiffusion3DInverse):
// R[inner] = sum over the 6 faces of +-(0.5 (H + H_neighbour))^3 (H_neighbour - H) * _d^2,
// x fastest, OpenMP over z, the x loop vectorised by the compiler.
// Usage: nonlinear3d N REPS  -> prints the median seconds per launch.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

static inline double cube(double x) { return x * x * x; }

int main(int argc, char** argv) {
    const long n = argc > 1 ? atol(argv[1]) : 128;
    const int reps = argc > 2 ? atoi(argv[2]) : 10;
    const double _dx = 10, _dy = 10, _dz = 10;
    std::vector<double> H(n * n * n), R(n * n * n, 0.0);
    for (long i = 0; i < n * n * n; i++) H[i] = 0.5 + (i % 7) * 0.1;
    std::vector<double> times;
    for (int r = 0; r < reps + 1; r++) {
        auto start = std::chrono::steady_clock::now();
        #pragma omp parallel for schedule(static)
        for (long iz = 1; iz < n - 1; iz++)
            for (long iy = 1; iy < n - 1; iy++) {
                const double* h = &H[(iz * n + iy) * n];
                double* res = &R[(iz * n + iy) * n];
                #pragma omp simd
                for (long ix = 1; ix < n - 1; ix++) {
                    const double c = h[ix];
                    const double qxw = cube(0.5 * (c + h[ix - 1])) * (c - h[ix - 1]) * _dx;
                    const double qxe = cube(0.5 * (h[ix + 1] + c)) * (h[ix + 1] - c) * _dx;
                    const double qys = cube(0.5 * (c + h[ix - n])) * (c - h[ix - n]) * _dy;
                    const double qyn = cube(0.5 * (h[ix + n] + c)) * (h[ix + n] - c) * _dy;
                    const double qzb = cube(0.5 * (c + h[ix - n * n])) * (c - h[ix - n * n]) * _dz;
                    const double qzt = cube(0.5 * (h[ix + n * n] + c)) * (h[ix + n * n] - c) * _dz;
                    res[ix] = (qxe - qxw) * _dx + (qyn - qys) * _dy + (qzt - qzb) * _dz;
                }
            }
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (r > 0) times.push_back(s);
    }
    std::sort(times.begin(), times.end());
    printf("%.9f\n", times[times.size() / 2]);
    return 0;
}
