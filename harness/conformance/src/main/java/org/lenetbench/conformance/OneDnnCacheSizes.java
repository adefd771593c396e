package org.lenetbench.conformance;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * oneDNN's {@code platform::get_per_core_cache_size(int)} inside an engine's native library this JVM loaded
 * (libtorch_cpu.so, libtensorflow_cc.so.2, libnd4jcpu.so each link their own oneDNN): what it answers on this host,
 * and a replacement that returns fixed sizes, so that a test can give oneDNN the cache sizes of another host. With
 * 1 byte for every level it reproduces what oneDNN 3.7.1 computes on a host whose CPUID hides the cache topology
 * (Xbyak reads an empty leaf 0x8000001D), on any x86-64 host; with oneDNN's own guesses (32 KiB, 512 KiB, 1 MiB)
 * it gives a host that hides the topology what a complete CPUID would. Must run before libtorch creates its first
 * oneDNN primitive (oneDNN caches primitives), so in a JVM of its own, right after the engine loads.
 *
 * <p>The function is a local symbol of the library: its address is read from the file's ELF symbol table, and the
 * mapping's base from {@code /proc/self/maps}.
 */
public final class OneDnnCacheSizes {
    static final String FUNCTION = "_ZN4dnnl4impl3cpu8platform23get_per_core_cache_sizeEi";
    /** The file name the library is mapped under, e.g. "libtorch_cpu.so". */
    private final String library;
    /** The function's address and size, found once: the symbol table of a 600 MB library takes a while to scan. */
    private Symbol located;
    private long address;
    private static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    private static final long PAGE = 4096;

    private OneDnnCacheSizes(String library) {
        this.library = library;
    }

    /** The oneDNN inside the library mapped as {@code fileName} (load the engine first). */
    public static OneDnnCacheSizes in(String fileName) {
        return new OneDnnCacheSizes(fileName);
    }

    /** Every cache level 1 byte, as oneDNN 3.7.1 computes on a host whose CPUID reports no cache topology. */
    public void hideTopology() {
        patch(returnSizes(1, 1, 1));
    }

    /** oneDNN's guesses for a host it knows nothing about (its {@code guess(level)}): 32 KiB, 512 KiB, 1 MiB. */
    public void oneDnnGuesses() {
        patch(returnSizes(32 * 1024, 512 * 1024, 1024 * 1024));
    }

    /** What the function answers for cache levels 1 to 3 in this process: bytes per core. */
    public long[] perCoreSizes() {
        Linker linker = Linker.nativeLinker();
        locate();
        MethodHandle function = linker.downcallHandle(MemorySegment.ofAddress(address),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        long[] sizes = new long[3];
        for (int level = 1; level <= 3; level++) {
            try {
                sizes[level - 1] = Integer.toUnsignedLong((int) function.invokeExact(level));
            } catch (Throwable e) {
                throw new IllegalStateException(FUNCTION + "(" + level + ") in " + library + " failed: " + e, e);
            }
        }
        return sizes;
    }

    /**
     * x86-64 code for {@code unsigned f(int level)}: l1 for level 1, l2 for level 2, l3 otherwise (oneDNN asks
     * for levels 1 to 3).
     */
    static byte[] returnSizes(int l1, int l2, int l3) {
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        code.writeBytes(new byte[] {(byte) 0xf3, 0x0f, 0x1e, (byte) 0xfa}); // endbr64, as the original begins
        movEax(code, l1);
        code.writeBytes(new byte[] {(byte) 0x83, (byte) 0xff, 0x01, 0x74, 0x0f}); // cmp edi,1; je ret
        movEax(code, l2);
        code.writeBytes(new byte[] {(byte) 0x83, (byte) 0xff, 0x02, 0x74, 0x05}); // cmp edi,2; je ret
        movEax(code, l3);
        code.write(0xc3); // ret
        return code.toByteArray();
    }

    private static void movEax(java.io.ByteArrayOutputStream code, int value) {
        code.write(0xb8);
        for (int i = 0; i < 4; i++) {
            code.write(value >>> (8 * i));
        }
    }

    private void patch(byte[] code) {
        Mapping library = locate();
        Symbol symbol = located;
        if (symbol.size() < code.length) {
            throw new IllegalStateException(FUNCTION + " in " + library.file() + " is " + symbol.size()
                    + " bytes, too short for the " + code.length + " bytes of the replacement");
        }
        long start = address & -PAGE, length = ((address + code.length + PAGE - 1) & -PAGE) - start;
        if (!mprotect(start, length, PROT_READ | PROT_WRITE | PROT_EXEC)) {
            throw new IllegalStateException("cannot make " + FUNCTION + " at 0x" + Long.toHexString(address) + " in "
                    + library.file() + " writable (mprotect failed); the library's mappings: " + mapsOf(library.file()));
        }
        MemorySegment.ofAddress(address).reinterpret(code.length).copyFrom(MemorySegment.ofArray(code));
        mprotect(start, length, PROT_READ | PROT_EXEC);
    }

    private static List<String> mapsOf(Path file) {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith(file.toString())).toList();
        } catch (IOException e) {
            return List.of("(cannot read /proc/self/maps: " + e + ")");
        }
    }

    record Mapping(Path file, long base) {
    }

    /** Finds the mapping and the function's address (once), and returns the mapping. */
    private Mapping locate() {
        Mapping mapped = mapping();
        if (located == null) {
            located = symbol(mapped.file(), FUNCTION);
            address = mapped.base() + located.value();
        }
        return mapped;
    }

    /** The library as this process mapped it: the file and the address of its first byte (offset 0). */
    private Mapping mapping() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                String[] f = line.trim().split("\\s+");
                // private: the loader's mapping, not a reader's (symbol() maps the file shared)
                if (f.length >= 6 && f[5].endsWith("/" + library) && Long.parseLong(f[2], 16) == 0 && f[1].endsWith("p")) {
                    return new Mapping(Path.of(f[5]), Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/maps: " + e, e);
        }
        throw new IllegalStateException(library + " is not mapped in this process: load its engine first");
    }

    record Symbol(long value, long size) {
    }

    /** A symbol of an ELF64 little-endian file's {@code .symtab} (local symbols included). */
    static Symbol symbol(Path elf, String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(elf, StandardOpenOption.READ)) {
            MappedByteBuffer file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            file.order(ByteOrder.LITTLE_ENDIAN);
            long sectionHeaders = file.getLong(0x28);
            int entrySize = file.getShort(0x3a) & 0xffff, count = file.getShort(0x3c) & 0xffff;
            for (int s = 0; s < count; s++) {
                int header = (int) (sectionHeaders + (long) s * entrySize);
                if (file.getInt(header + 4) != 2) { // SHT_SYMTAB
                    continue;
                }
                long offset = file.getLong(header + 0x18), size = file.getLong(header + 0x20);
                int strings = (int) (sectionHeaders + (long) file.getInt(header + 0x28) * entrySize);
                long stringsOffset = file.getLong(strings + 0x18);
                for (long e = offset; e < offset + size; e += 24) {
                    long nameAt = stringsOffset + (file.getInt((int) e) & 0xffffffffL);
                    if (nameEquals(file, nameAt, wanted)) {
                        return new Symbol(file.getLong((int) e + 8), file.getLong((int) e + 16));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + elf + ": " + e, e);
        }
        throw new IllegalStateException(name + " is not in the symbol table of " + elf
                + " (stripped, or another build than the pinned one)");
    }

    private static boolean nameEquals(MappedByteBuffer file, long at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (file.get((int) (at + i)) != wanted[i]) {
                return false;
            }
        }
        return file.get((int) (at + wanted.length)) == 0;
    }

    private static boolean mprotect(long address, long length, int protection) {
        Linker linker = Linker.nativeLinker();
        MethodHandle mprotect = linker.downcallHandle(linker.defaultLookup().find("mprotect").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
        int result;
        try {
            result = (int) mprotect.invokeExact(MemorySegment.ofAddress(address), length, protection);
        } catch (Throwable e) {
            throw new IllegalStateException("mprotect failed: " + e, e);
        }
        return result == 0;
    }
}
