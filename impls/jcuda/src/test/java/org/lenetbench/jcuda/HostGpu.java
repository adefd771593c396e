package org.lenetbench.jcuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The CUDA kernels run on the CPU: the same .cu files compiled by g++ with a shim for the CUDA built-ins
 * (scripts/jcuda-kernels host), called through the FFM API. A launch runs a small grid, {@value #BLOCKS} blocks
 * of {@value #THREADS_PER_BLOCK} threads, one simulated thread after another and the blocks in reverse order, so
 * that the kernels' grid-stride loops and index arithmetic are exercised as on the GPU; races are not.
 */
final class HostGpu implements Gpu {
    static final String LIBRARY_PROPERTY = "lenet.jcuda.hostKernels";
    private static final int BLOCKS = 2;
    private static final int THREADS_PER_BLOCK = 3;

    private final Arena libraryArena = Arena.ofShared();
    private final SymbolLookup library;
    private final MethodHandle setThread;
    private final Map<Kernel, MethodHandle> kernels = new EnumMap<>(Kernel.class);

    private HostGpu(Path path) {
        library = SymbolLookup.libraryLookup(path, libraryArena);
        setThread = Linker.nativeLinker().downcallHandle(find("lenet_shim_set_thread"), FunctionDescriptor.ofVoid(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    /** Opens the library the build compiled; IllegalStateException, naming the path, when it is not there. */
    static HostGpu open() {
        String property = System.getProperty(LIBRARY_PROPERTY);
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            throw new IllegalStateException("the host build of the kernels is missing (system property "
                    + LIBRARY_PROPERTY + " = " + property + "); mvn builds it with scripts/jcuda-kernels host");
        }
        return new HostGpu(Path.of(property));
    }

    private MemorySegment find(String symbol) {
        return library.find(symbol).orElseThrow(() -> new IllegalStateException("the host kernel library has no "
                + symbol + ": rebuild it (scripts/jcuda-kernels host)"));
    }

    @Override
    public String describe() {
        return "CPU emulation of the CUDA kernels (g++, " + BLOCKS + "×" + THREADS_PER_BLOCK + " threads per launch)";
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
        List<Object> values = new ArrayList<>(arguments.length);
        MemoryLayout[] layouts = new MemoryLayout[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case HostBuffer b -> {
                    layouts[i] = ValueLayout.ADDRESS;
                    values.add(b.segment());
                }
                case Integer v -> {
                    layouts[i] = ValueLayout.JAVA_INT;
                    values.add(v);
                }
                case Float v -> {
                    layouts[i] = ValueLayout.JAVA_FLOAT;
                    values.add(v);
                }
                default -> throw new IllegalArgumentException(kernel.entry() + ": argument " + i + " is a "
                        + arguments[i].getClass().getSimpleName());
            }
        }
        MethodHandle handle = kernels.computeIfAbsent(kernel, k ->
                Linker.nativeLinker().downcallHandle(find(k.entry()), FunctionDescriptor.ofVoid(layouts)));
        try {
            for (int block = BLOCKS - 1; block >= 0; block--) {
                for (int thread = 0; thread < THREADS_PER_BLOCK; thread++) {
                    setThread.invokeExact(block, thread, THREADS_PER_BLOCK, BLOCKS);
                    handle.invokeWithArguments(values);
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException(kernel.entry() + " failed on the host", e);
        }
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
