package dev.devskyy.mcp;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Handlers for SIGINT and SIGTERM. A JVM shutdown hook cannot tell them apart, and the server must:
 * Claude Code sends SIGINT and kills the process about 100 ms later, so SIGINT cancels at once,
 * while SIGTERM leaves calls their grace period. {@code sun.misc.Signal} (module jdk.unsupported,
 * exported on every JDK) is reached reflectively because javac warns on any direct use of it and
 * the build treats warnings as errors. Where it is missing, the shutdown hook still applies.
 */
final class Signals {
    private Signals() {}

    /**
     * Runs {@code action} on its own thread when signal {@code name} ({@code "INT"}, {@code "TERM"})
     * arrives, instead of the JVM's default.
     *
     * @return puts the previous handler back; does nothing when no handler could be installed
     */
    static Runnable handle(String name, Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                        return switch (method.getName()) {
                            case "handle" -> {
                                action.run();
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "devskyy " + name + " handler";
                        };
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            return () -> {
                try {
                    handle.invoke(null, signal, previous);
                } catch (ReflectiveOperationException | IllegalArgumentException e) {
                    // the process is ending anyway; the handler it keeps is ours
                }
            };
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError e) {
            return () -> {};
        }
    }
}
