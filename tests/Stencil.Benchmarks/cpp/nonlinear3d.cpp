// Hand-written baseline for the T_eff harness: the 3D nonlinear diffusion residual,
// R[inner] = sum over the 6 faces of +-(0.5 (H + H_neighbour))^3 (H_neighbour - H) / d^2,
// x fastest, OpenMP over z, the x loop vectorised by the compiler.
// Written with inverse spacings (* _dx, as ParallelStencil's miniapps write it;
// Kernels.NonlinearDiffusion3DInverse), or with `divided` as the third argument, with the
// divisions of Kernels.NonlinearDiffusion3D (-O3 keeps them: x / dx and x * (1 / dx) round apart).
// Usage: nonlinear3d N REPS [divided]  -> prints the median seconds per launch;
//        nonlinear3d N check [divided]   -> one launch, prints the sum of R[i] * (i % 11 + 1) (BenchmarkBaselineTests).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

static inline double cube(double x) { return x * x * x; }

// One launch over the interior; Divided selects `/ d` or `* _d` (the same stencil, spacing 0.1).
template <bool Divided>
static void residual(const std::vector<double>& H, std::vector<double>& R, long n) {
    const double d = Divided ? 0.1 : 10;   // dx or _dx, the same for all three axes
    auto scale = [d](double v) { return Divided ? v / d : v * d; };
    #pragma omp parallel for schedule(static)
    for (long iz = 1; iz < n - 1; iz++)
        for (long iy = 1; iy < n - 1; iy++) {
            const double* h = &H[(iz * n + iy) * n];
            double* res = &R[(iz * n + iy) * n];
            #pragma omp simd
            for (long ix = 1; ix < n - 1; ix++) {
                const double c = h[ix];
                const double qxw = scale(cube(0.5 * (c + h[ix - 1])) * (c - h[ix - 1]));
                const double qxe = scale(cube(0.5 * (h[ix + 1] + c)) * (h[ix + 1] - c));
                const double qys = scale(cube(0.5 * (c + h[ix - n])) * (c - h[ix - n]));
                const double qyn = scale(cube(0.5 * (h[ix + n] + c)) * (h[ix + n] - c));
                const double qzb = scale(cube(0.5 * (c + h[ix - n * n])) * (c - h[ix - n * n]));
                const double qzt = scale(cube(0.5 * (h[ix + n * n] + c)) * (h[ix + n * n] - c));
                res[ix] = scale(qxe - qxw) + scale(qyn - qys) + scale(qzt - qzb);
            }
        }
}

int main(int argc, char** argv) {
    const long n = argc > 1 ? atol(argv[1]) : 128;
    const bool check = argc > 2 && strcmp(argv[2], "check") == 0;
    const int reps = argc > 2 && !check ? atoi(argv[2]) : 10;
    const bool divided = argc > 3 && strcmp(argv[3], "divided") == 0;
    std::vector<double> H(n * n * n), R(n * n * n, 0.0);
    for (long i = 0; i < n * n * n; i++) H[i] = 0.5 + (i % 7) * 0.1;
    if (check) {
        if (divided) residual<true>(H, R, n); else residual<false>(H, R, n);
        double sum = 0;
        for (long i = 0; i < n * n * n; i++) sum += R[i] * (i % 11 + 1);
        printf("%.17g\n", sum);
        return 0;
    }
    std::vector<double> times;
    for (int r = 0; r < reps + 1; r++) {
        auto start = std::chrono::steady_clock::now();
        if (divided) residual<true>(H, R, n); else residual<false>(H, R, n);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (r > 0) times.push_back(s);
    }
    std::sort(times.begin(), times.end());
    printf("%.9f\n", times[times.size() / 2]);
    return 0;
}
