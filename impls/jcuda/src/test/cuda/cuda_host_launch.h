// One C entry per kernel for the host build: NAME__launch(arguments, signature, blocks, threads) runs NAME's
// grid on the fiber scheduler. The arguments arrive as 64-bit slots (a pointer, an int, or a float's bits), and
// the caller's signature ('p', 'i', 'f' per argument) must match the kernel's parameters, so a launch with the
// wrong arguments is refused by name instead of reading garbage. scripts/jcuda-kernels host writes one
// LENET_HOST_LAUNCHER line per kernel.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

int lenet_shim_run_grid(const char* kernel, void (*body)(void*), void* state, int blocks, int threads);
int lenet_shim_fail(const std::string& message);

template <typename T>
constexpr char lenet_signature_letter() {
    if constexpr (std::is_pointer_v<T>) {
        return 'p';
    } else if constexpr (std::is_same_v<T, int>) {
        return 'i';
    } else {
        static_assert(std::is_same_v<T, float>, "kernel parameters are pointers, ints or floats");
        return 'f';
    }
}

template <typename T>
T lenet_argument(std::uint64_t slot) {
    if constexpr (std::is_pointer_v<T>) {
        return reinterpret_cast<T>(static_cast<std::uintptr_t>(slot));
    } else if constexpr (std::is_same_v<T, int>) {
        return static_cast<int>(static_cast<std::int64_t>(slot));
    } else {
        std::uint32_t bits = static_cast<std::uint32_t>(slot);
        float value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
}

template <typename... P>
struct LenetCall {
    void (*kernel)(P...);
    const std::uint64_t* slots;

    template <std::size_t... I>
    void run(std::index_sequence<I...>) const {
        kernel(lenet_argument<P>(slots[I])...);
    }

    static void body(void* self) {
        static_cast<const LenetCall*>(self)->run(std::index_sequence_for<P...>{});
    }
};

template <typename... P>
int lenet_launch(const char* name, void (*kernel)(P...), const std::uint64_t* slots, const char* signature,
        int blocks, int threads) {
    const std::string expected{lenet_signature_letter<P>()...};
    if (expected != signature) {
        return lenet_shim_fail(std::string(name) + ": launched with arguments (" + signature
                + ") but the kernel takes (" + expected + "); p = pointer, i = int, f = float");
    }
    LenetCall<P...> call{kernel, slots};
    return lenet_shim_run_grid(name, &LenetCall<P...>::body, &call, blocks, threads);
}

#define LENET_HOST_LAUNCHER(name)                                                                            \
    extern "C" int name##__launch(const std::uint64_t* slots, const char* signature, int blocks, int threads) { \
        return lenet_launch(#name, name, slots, signature, blocks, threads);                                 \
    }
