package org.lenetbench.jcuda.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CUDA kernels run on the CPU: the same .cu files compiled by g++ with a shim for the CUDA built-ins
 * (scripts/jcuda-kernels host), called through the FFM API. Each kernel has a C entry {@code NAME__launch} that
 * runs a grid on the shim's fiber scheduler (cuda_host_shim.cpp): the blocks one at a time, a block's threads one
 * at a time in the {@link Schedule}'s order, switching at barriers, so that {@code __syncthreads}, shared memory
 * and warp shuffles behave as on the GPU. The grid is kept small — {@value #BLOCKS} blocks of
 * {@value #FREE_THREADS} threads for a kernel that takes any block size, at most {@value #BLOCKS} blocks of its
 * size for one that fixes it — so that the grid-stride loops run many times.
 */
public final class HostGpu implements Gpu {
    /**
     * The order in which the shim runs a launch's blocks and, between barriers, a block's threads. A thread that
     * reads what another writes without a barrier between them gets the written value in one order and a stale one
     * in another, so the tests run the kernels under each. The ordinal is the shim's number for it
     * ({@code lenet_shim_schedule}).
     */
    public enum Schedule {
        LAST_FIRST, FIRST_FIRST,
        /** A new order for every sweep, from a fixed seed and the launch's number: the same on every run. */
        SHUFFLED;

        /** "last first", "first first", "shuffled". */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public static final String LIBRARY_PROPERTY = "lenet.jcuda.hostKernels";
    private static final int BLOCKS = 2;
    private static final int FREE_THREADS = 3;
    private static final FunctionDescriptor LAUNCHER = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    private final Arena libraryArena = Arena.ofShared();
    private final SymbolLookup library;
    private final MethodHandle lastError;
    private final MethodHandle setSchedule;
    private final Map<String, MethodHandle> launchers = new HashMap<>();
    private final Schedule schedule;
    private long launches;

    private HostGpu(Path path, Schedule schedule) {
        this.schedule = schedule;
        library = SymbolLookup.libraryLookup(path, libraryArena);
        Linker linker = Linker.nativeLinker();
        lastError = linker.downcallHandle(find("lenet_shim_last_error"), FunctionDescriptor.of(ValueLayout.ADDRESS));
        setSchedule = linker.downcallHandle(find("lenet_shim_schedule"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    /** {@link #open(Schedule)} with the last thread first. */
    public static HostGpu open() {
        return open(Schedule.LAST_FIRST);
    }

    /** Opens the library the build compiled; IllegalStateException, naming the path, when it is not there. */
    public static HostGpu open(Schedule schedule) {
        String property = System.getProperty(LIBRARY_PROPERTY);
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            throw new IllegalStateException("the host build of the kernels is missing (system property "
                    + LIBRARY_PROPERTY + " = " + property + "); mvn builds it with scripts/jcuda-kernels host");
        }
        return new HostGpu(Path.of(property), schedule);
    }

    private MemorySegment find(String symbol) {
        return library.find(symbol).orElseThrow(() -> new IllegalStateException("the host kernel library has no "
                + symbol + ": rebuild it (scripts/jcuda-kernels host)"));
    }

    @Override
    public String describe() {
        return "CPU emulation of the CUDA kernels (g++, fibers, " + BLOCKS + " blocks per launch, "
                + schedule.label() + ")";
    }

    @Override
    public DeviceBuffer allocate(int length) {
        Arena arena = Arena.ofShared();
        return new HostBuffer(arena.allocate(4L * Math.max(length, 1), 64), length, arena);
    }

    @Override
    public void free(DeviceBuffer buffer) {
        HostBuffer b = (HostBuffer) buffer;
        if (b.arena() == null) {
            throw new IllegalArgumentException("a slice is freed with the buffer it was cut from");
        }
        b.arena().close();
    }

    @Override
    public void upload(float[] source, int sourceOffset, DeviceBuffer target, int length) {
        MemorySegment.copy(source, sourceOffset, segment(target, length), ValueLayout.JAVA_FLOAT, 0, length);
    }

    @Override
    public void upload(int[] source, int sourceOffset, DeviceBuffer target, int length) {
        MemorySegment.copy(source, sourceOffset, segment(target, length), ValueLayout.JAVA_INT, 0, length);
    }

    @Override
    public void download(DeviceBuffer source, float[] target, int targetOffset, int length) {
        MemorySegment.copy(segment(source, length), ValueLayout.JAVA_FLOAT, 0, target, targetOffset, length);
    }

    private static MemorySegment segment(DeviceBuffer buffer, int length) {
        if (length > buffer.length()) {
            throw new IllegalArgumentException("copy of " + length + " elements into a buffer of " + buffer.length());
        }
        return ((HostBuffer) buffer).segment();
    }

    @Override
    public void launch(Kernel kernel, int work, Object... arguments) {
        int threads = kernel.blockSize(FREE_THREADS);
        int blocks = Math.clamp((work + (long) threads - 1) / threads, 1, BLOCKS);
        launch(kernel.entry(), blocks, threads, arguments);
    }

    /** Runs the kernel {@code entry} (also one of the test kernels) on a grid of {@code blocks × threads}. */
    void launch(String entry, int blocks, int threads, Object... arguments) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment slots = call.allocate(ValueLayout.JAVA_LONG, Math.max(1, arguments.length));
            StringBuilder signature = new StringBuilder();
            for (int i = 0; i < arguments.length; i++) {
                long slot;
                switch (arguments[i]) {
                    case HostBuffer b -> {
                        slot = b.segment().address();
                        signature.append('p');
                    }
                    case Integer v -> {
                        slot = v;
                        signature.append('i');
                    }
                    case Float v -> {
                        slot = Float.floatToRawIntBits(v) & 0xffff_ffffL;
                        signature.append('f');
                    }
                    default -> throw new IllegalArgumentException(entry + ": argument " + i + " is a "
                            + arguments[i].getClass().getSimpleName() + ", not a device buffer, Integer or Float");
                }
                slots.setAtIndex(ValueLayout.JAVA_LONG, i, slot);
            }
            MethodHandle launcher = launchers.computeIfAbsent(entry,
                    name -> Linker.nativeLinker().downcallHandle(find(name + "__launch"), LAUNCHER));
            // set at every launch: the library, and so its schedule, is shared by every HostGpu in the JVM
            // (the golden ratio's odd multiplier spreads consecutive launch numbers into seeds that are never 0)
            int status = (int) setSchedule.invokeExact(schedule.ordinal(), ++launches * 0x9E37_79B9_7F4A_7C15L);
            if (status == 0) {
                status = (int) launcher.invokeExact(slots, call.allocateFrom(signature.toString()), blocks, threads);
            }
            if (status != 0) {
                throw new IllegalStateException("host kernel launch failed: " + lastError());
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(entry + " failed on the host", e);
        }
    }

    private String lastError() throws Throwable {
        MemorySegment message = (MemorySegment) lastError.invokeExact();
        return message.reinterpret(Long.MAX_VALUE).getString(0);
    }

    @Override
    public void synchronize() {
        // every host launch has finished when it returns
    }

    @Override
    public void close() {
        libraryArena.close();
    }

    private record HostBuffer(MemorySegment segment, int length, Arena arena) implements DeviceBuffer {
        @Override
        public DeviceBuffer slice(int offset, int length) {
            return new HostBuffer(segment.asSlice(4L * offset, 4L * length), length, null);
        }
    }
}
