package dev.belay;

import dev.belay.value.ValueConverter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.stream.Stream;

/** Carries the calls on a {@link Device#bind bound interface} to the board functions of the same names. */
final class BoundFunctions implements InvocationHandler {

    private final Device device;
    private final Class<?> iface;

    BoundFunctions(Device device, Class<?> iface) {
        this.device = device;
        this.iface = iface;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> iface.getSimpleName() + " bound to " + device.connection();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        String function = functionName(method);
        Object[] arguments = args == null ? new Object[0] : args;
        Type returns = method.getGenericReturnType();
        if (method.getReturnType() == Stream.class) {
            Type element = returns instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            return device.streamOf(function, element, arguments);
        }
        Object result = device.invoke(function, arguments);
        if (method.getReturnType() == void.class) {
            return null;
        }
        return ValueConverter.convert(result, returns);
    }

    private static String functionName(Method method) {
        BoardFunction named = method.getAnnotation(BoardFunction.class);
        return named != null ? named.value() : ValueConverter.snakeCase(method.getName());
    }
}
