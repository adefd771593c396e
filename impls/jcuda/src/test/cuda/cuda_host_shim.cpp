// The fiber scheduler behind the host build of the kernels. A launch runs its blocks one at a time; a block's
// threads are fibers on the caller's thread. A sweep runs every runnable thread in turn until it returns or waits
// at a barrier; then every barrier that all its threads reached opens, and the next sweep begins. A barrier that
// can never open (a thread returned, or waits at another barrier) fails the launch with a message instead of
// hanging.
// The order of the blocks and of a sweep's threads is the schedule (lenet_shim_schedule): the last first, the
// first first, or shuffled anew for every sweep. A thread that reads what another writes with no barrier between
// them gets the value in one order and a stale one in another, so the tests run the kernels in all three.
// A fiber starts on its own stack through ucontext (makecontext, setcontext) and then switches with _setjmp and
// _longjmp, which save no signal mask: swapcontext's system call at every barrier made a large batch's tests
// take half a minute. (scripts/jcuda-kernels builds this without _FORTIFY_SOURCE, whose longjmp check refuses
// to jump between stacks.)
#include "cuda_host_shim.h"
#include "cuda_host_launch.h"

#include <setjmp.h>
#include <ucontext.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

lenet_dim3 blockIdx = {0, 0, 0}, threadIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};

namespace {

enum class State { runnable, atBlockBarrier, atWarpBarrier, done };

struct Fiber {
    ucontext_t context; // where it starts
    jmp_buf jump;       // where it waits
    bool started;
    State state;
    std::unique_ptr<char[]> stack;
};

constexpr std::size_t stackBytes = 256 * 1024;
constexpr int maxThreads = 1024;

std::vector<Fiber> fibers(maxThreads);
jmp_buf scheduler;
int current;
void (*threadBody)(void*);
void* threadState;
float exchange[maxThreads];
std::string lastError;

enum class Order { lastFirst = 0, firstFirst = 1, shuffled = 2 };
Order order = Order::lastFirst;
std::uint64_t shuffleState = 1;

std::uint64_t nextRandom() { // xorshift64: a fixed seed gives the same schedule on every machine
    shuffleState ^= shuffleState << 13;
    shuffleState ^= shuffleState >> 7;
    shuffleState ^= shuffleState << 17;
    return shuffleState;
}

// The order in which a sweep visits the threads, or a launch the blocks, under the current schedule.
const std::vector<int>& visitingOrder(int count) {
    static std::vector<int> indices;
    indices.resize(count);
    for (int i = 0; i < count; i++) indices[i] = order == Order::lastFirst ? count - 1 - i : i;
    if (order == Order::shuffled) {
        for (int i = count - 1; i > 0; i--) std::swap(indices[i], indices[nextRandom() % (i + 1)]);
    }
    return indices;
}

[[noreturn]] void fiberEntry() {
    threadBody(threadState);
    fibers[current].state = State::done;
    _longjmp(scheduler, 1); // never return: there is no context to return to
}

void waitAt(State barrier) {
    fibers[current].state = barrier;
    if (_setjmp(fibers[current].jump) == 0) _longjmp(scheduler, 1);
}

// Opens the barriers whose threads all arrived; "" when one did, else why none can.
std::string openBarriers(int threads) {
    bool opened = false;
    for (int warp = 0; warp < threads; warp += 32) {
        int end = warp + 32 < threads ? warp + 32 : threads;
        int waiting = 0, done = 0;
        for (int t = warp; t < end; t++) {
            waiting += fibers[t].state == State::atWarpBarrier;
            done += fibers[t].state == State::done;
        }
        if (waiting > 0 && done > 0) {
            return "a lane of warp " + std::to_string(warp / 32) + " returned while the others wait at a shuffle";
        }
        if (waiting == end - warp) {
            for (int t = warp; t < end; t++) fibers[t].state = State::runnable;
            opened = true;
        }
    }
    int waiting = 0, done = 0;
    for (int t = 0; t < threads; t++) {
        waiting += fibers[t].state == State::atBlockBarrier;
        done += fibers[t].state == State::done;
    }
    if (waiting > 0 && done > 0) {
        return "a thread returned while " + std::to_string(waiting) + " wait at __syncthreads";
    }
    if (waiting == threads) {
        for (int t = 0; t < threads; t++) fibers[t].state = State::runnable;
        opened = true;
    }
    return opened ? "" : "threads wait at different barriers (__syncthreads in divergent code?)";
}

// Runs thread t until it waits at a barrier or returns; a function of its own, so that no variable of the
// scheduler's loop lives across the _setjmp.
__attribute__((noinline)) void resume(int t) {
    current = t;
    threadIdx.x = t;
    if (_setjmp(scheduler) != 0) return;
    if (fibers[t].started) _longjmp(fibers[t].jump, 1);
    fibers[t].started = true;
    setcontext(&fibers[t].context);
}

int runBlock(const char* kernel, int threads) {
    for (int t = 0; t < threads; t++) {
        Fiber& fiber = fibers[t];
        if (!fiber.stack) fiber.stack.reset(new char[stackBytes]); // not zeroed: untouched pages stay uncommitted
        getcontext(&fiber.context);
        fiber.context.uc_stack.ss_sp = fiber.stack.get();
        fiber.context.uc_stack.ss_size = stackBytes;
        fiber.context.uc_link = nullptr;
        makecontext(&fiber.context, fiberEntry, 0);
        fiber.started = false;
        fiber.state = State::runnable;
    }
    while (true) {
        for (int t : visitingOrder(threads)) {
            if (fibers[t].state != State::runnable) continue;
            resume(t);
        }
        int done = 0;
        for (int t = 0; t < threads; t++) done += fibers[t].state == State::done;
        if (done == threads) return 0;
        std::string why = openBarriers(threads);
        if (!why.empty()) {
            return lenet_shim_fail(std::string(kernel) + ", block " + std::to_string(blockIdx.x) + ": " + why);
        }
    }
}

} // namespace

void lenet_shim_sync_block() {
    waitAt(State::atBlockBarrier);
}

void lenet_shim_sync_warp() {
    waitAt(State::atWarpBarrier);
}

float lenet_shim_shuffle(float value, unsigned int sourceLane) {
    int warp = current & ~31;
    exchange[current] = value;
    lenet_shim_sync_warp();
    int source = warp + static_cast<int>(sourceLane);
    float result = source < static_cast<int>(blockDim.x) ? exchange[source] : value;
    lenet_shim_sync_warp(); // nobody overwrites its slot before every lane has read
    return result;
}

int lenet_shim_fail(const std::string& message) {
    lastError = message;
    return 1;
}

int lenet_shim_run_grid(const char* kernel, void (*body)(void*), void* state, int blocks, int threads) {
    if (blocks < 1 || threads < 1 || threads > maxThreads) {
        return lenet_shim_fail(std::string(kernel) + ": a grid of " + std::to_string(blocks) + " blocks of "
                + std::to_string(threads) + " threads (1 to " + std::to_string(maxThreads) + " per block)");
    }
    threadBody = body;
    threadState = state;
    blockDim = {static_cast<unsigned int>(threads), 1, 1};
    gridDim = {static_cast<unsigned int>(blocks), 1, 1};
    std::vector<int> blockOrder = visitingOrder(blocks); // a copy: the sweeps reuse visitingOrder's vector
    for (int block : blockOrder) {
        blockIdx = {static_cast<unsigned int>(block), 0, 0};
        threadIdx = {0, 0, 0};
        if (int status = runBlock(kernel, threads); status != 0) return status;
    }
    return 0;
}

extern "C" int lenet_shim_schedule(int schedule, std::uint64_t seed) {
    if (schedule < 0 || schedule > 2 || seed == 0) {
        return lenet_shim_fail("schedule " + std::to_string(schedule) + " with seed " + std::to_string(seed)
                + ": the schedules are 0 (last first), 1 (first first) and 2 (shuffled), with a seed other than 0");
    }
    order = static_cast<Order>(schedule);
    shuffleState = seed;
    return 0;
}

extern "C" const char* lenet_shim_last_error() {
    return lastError.c_str();
}
