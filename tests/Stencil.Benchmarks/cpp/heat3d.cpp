// Hand-written baseline for the T_eff harness: ParallelStencil's README 3D heat diffusion step,
// T2[inner] = T + dt*lam*Ci*(d2T/dx2 + d2T/dy2 + d2T/dz2), x fastest, OpenMP over z.
// Usage: heat3d N REPS   -> prints the median seconds per step;
//        heat3d N check  -> one step, prints the sum of T2[i] * (i % 11 + 1) (BenchmarkBaselineTests).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
    const long n = argc > 1 ? atol(argv[1]) : 128;
    const bool check = argc > 2 && strcmp(argv[2], "check") == 0;
    const int reps = check ? 0 : argc > 2 ? atoi(argv[2]) : 10;
    const double lam = 1, dt = 1e-4, dx = 0.1, dy = 0.1, dz = 0.1;
    const double rdx2 = 1 / (dx * dx), rdy2 = 1 / (dy * dy), rdz2 = 1 / (dz * dz);
    std::vector<double> T(n * n * n, 1.0), T2(n * n * n, 1.0), Ci(n * n * n, 1.0);
    for (long i = 0; i < n * n * n; i++) T[i] = (i % 7) * 0.1;
    std::vector<double> times;
    for (int r = 0; r < reps + 1; r++) {
        auto start = std::chrono::steady_clock::now();
        #pragma omp parallel for schedule(static)
        for (long iz = 1; iz < n - 1; iz++)
            for (long iy = 1; iy < n - 1; iy++) {
                const double* t = &T[(iz * n + iy) * n];
                const double* c = &Ci[(iz * n + iy) * n];
                double* t2 = &T2[(iz * n + iy) * n];
                for (long ix = 1; ix < n - 1; ix++)
                    t2[ix] = t[ix] + dt * lam * c[ix] * ((t[ix + 1] - 2 * t[ix] + t[ix - 1]) * rdx2
                        + (t[ix + n] - 2 * t[ix] + t[ix - n]) * rdy2 + (t[ix + n * n] - 2 * t[ix] + t[ix - n * n]) * rdz2);
            }
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (r > 0) times.push_back(s);
        if (check) break;
        std::swap(T, T2);
    }
    if (check) {
        double sum = 0;
        for (long i = 0; i < n * n * n; i++) sum += T2[i] * (i % 11 + 1);
        printf("%.17g\n", sum);
        return 0;
    }
    std::sort(times.begin(), times.end());
    printf("%.9f\n", times[times.size() / 2]);
    return 0;
}
