package dev.belay;

import java.util.List;
import java.util.Set;

/**
 * Which MicroPython a board runs.
 *
 * <pre>{@code
 * Implementation impl = device.implementation();
 * assumeTrue(impl.emitters().contains("viper"), "needs the viper emitter");
 * }</pre>
 *
 * @param name         {@code sys.implementation.name}, e.g. {@code micropython}
 * @param version      e.g. {@code 1.27.0}
 * @param platform     {@code sys.platform}, e.g. {@code rp2}, {@code microbit}, {@code webassembly}
 * @param architecture the native code architecture from {@code sys.implementation._mpy}, e.g.
 *                     {@code armv6m}; {@code null} when the firmware does not say
 * @param emitters     the code emitters that work besides bytecode: {@code native}, {@code viper}
 * @param build        the firmware's build text, {@code os.uname().version}, e.g.
 *                     {@code v1.27.0 on 2025-12-09} (with a git hash on a development build), or
 *                     {@code sys.version} where the firmware has no {@code os.uname}
 */
public record Implementation(String name, String version, String platform, String architecture, Set<String> emitters,
        String build) {

    /** Indexed by the architecture bits of {@code sys.implementation._mpy} (bits 10 to 13). */
    private static final List<String> ARCHITECTURES = List.of("", "x86", "x64", "armv6", "armv6m", "armv7m",
            "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin", "rv32imc", "rv64imc");

    /** From the tuple of {@code belay_implementation.py} and the emitters found to work. */
    static Implementation of(List<?> info, Set<String> emitters) {
        if (info.size() != 5 || !(info.get(0) instanceof String name) || !(info.get(1) instanceof List<?> version)
                || !(info.get(2) instanceof String platform) || !(info.get(4) instanceof String build)) {
            throw new ProtocolException("The board described its firmware as " + info + ", not as (name, version, "
                    + "platform, _mpy, build); is this MicroPython?");
        }
        StringBuilder dotted = new StringBuilder();
        for (Object part : version.subList(0, Math.min(3, version.size()))) {
            dotted.append(dotted.length() == 0 ? "" : ".").append(part);
        }
        return new Implementation(name, dotted.toString(), platform, architecture(info.get(3)), Set.copyOf(emitters),
                build);
    }

    private static String architecture(Object mpy) {
        if (!(mpy instanceof Long bits)) {
            return null;
        }
        int index = (int) ((bits >> 10) & 0x0f);
        return index > 0 && index < ARCHITECTURES.size() ? ARCHITECTURES.get(index) : null;
    }
}
