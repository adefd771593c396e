package org.lenetbench.djl;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libtorch's process-wide switches for its convolution libraries oneDNN ("mkldnn") and NNPACK, the Java twins of
 * Python's {@code torch.backends.mkldnn.enabled} and {@code torch.backends.nnpack.enabled}. DJL does not expose
 * them, so they are called through the FFM API on the C++ functions libtorch exports: {@code at::globalContext()}
 * and {@code at::Context::setUserEnabledMkldnn(bool)} and its siblings.
 * Works only once the engine has loaded libtorch (the symbols are looked up among the libraries this class
 * loader loaded) and needs {@code --enable-native-access}.
 */
final class LibtorchContext {
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_ENABLED = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private static final String IS_ENABLED = "_ZNK2at7Context17userEnabledMkldnnEv";
    private static final String SET_NNPACK = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private final MemorySegment context;
    private final MethodHandle setEnabled;
    private final MethodHandle isEnabled;
    private final MethodHandle setNnpack;

    private LibtorchContext(MemorySegment context, MethodHandle setEnabled, MethodHandle isEnabled, MethodHandle setNnpack) {
        this.context = context;
        this.setEnabled = setEnabled;
        this.isEnabled = isEnabled;
        this.setNnpack = setNnpack;
    }

    /** The switches of the libtorch this JVM loaded; throws {@link IllegalStateException} naming a missing symbol. */
    static LibtorchContext ofLoadedLibtorch() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libtorch = SymbolLookup.loaderLookup();
        try {
            MethodHandle globalContext = linker.downcallHandle(find(libtorch, GLOBAL_CONTEXT),
                    FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment context = (MemorySegment) globalContext.invokeExact();
            FunctionDescriptor setter = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_BOOLEAN);
            return new LibtorchContext(context, linker.downcallHandle(find(libtorch, SET_ENABLED), setter),
                    linker.downcallHandle(find(libtorch, IS_ENABLED),
                            FunctionDescriptor.of(ValueLayout.JAVA_BOOLEAN, ValueLayout.ADDRESS)),
                    linker.downcallHandle(find(libtorch, SET_NNPACK), setter));
        } catch (IllegalStateException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libtorch's at::globalContext() failed: " + e, e);
        }
    }

    private static MemorySegment find(SymbolLookup lookup, String symbol) {
        return lookup.find(symbol).orElseThrow(() -> new IllegalStateException("libtorch's " + symbol
                + " was not found among the loaded libraries (is DJL's PyTorch engine loaded, from pytorch-native-cpu 2.7.1?)"));
    }

    boolean mkldnnEnabled() {
        try {
            return (boolean) isEnabled.invokeExact(context);
        } catch (Throwable e) {
            throw new IllegalStateException("at::Context::userEnabledMkldnn() failed: " + e, e);
        }
    }

    void setMkldnn(boolean enabled) {
        try {
            setEnabled.invokeExact(context, enabled);
        } catch (Throwable e) {
            throw new IllegalStateException("at::Context::setUserEnabledMkldnn() failed: " + e, e);
        }
    }

    void setNnpack(boolean enabled) {
        try {
            setNnpack.invokeExact(context, enabled);
        } catch (Throwable e) {
            throw new IllegalStateException("at::Context::setUserEnabledNNPACK() failed: " + e, e);
        }
    }
}
