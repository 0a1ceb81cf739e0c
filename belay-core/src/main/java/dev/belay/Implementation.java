package dev.belay;

import java.util.LinkedHashSet;
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
 */
public record Implementation(String name, String version, String platform, String architecture, Set<String> emitters) {

    /** Indexed by the architecture bits of {@code sys.implementation._mpy} (bits 10 to 13). */
    private static final List<String> ARCHITECTURES = List.of("", "x86", "x64", "armv6", "armv6m", "armv7m",
            "armv7em", "armv7emsp", "armv7emdp", "xtensa", "xtensawin", "rv32imc", "rv64imc");

    static Implementation of(Device device) {
        List<?> info = device.eval("(_belay_sys.implementation.name, _belay_sys.implementation.version, "
                + "_belay_sys.platform, getattr(_belay_sys.implementation, '_mpy', None))", List.class);
        List<?> version = (List<?>) info.get(1);
        StringBuilder dotted = new StringBuilder();
        for (Object part : version.subList(0, Math.min(3, version.size()))) {
            dotted.append(dotted.length() == 0 ? "" : ".").append(part);
        }
        Set<String> emitters = new LinkedHashSet<>();
        for (String emitter : List.of("native", "viper")) {
            if (works(device, emitter)) {
                emitters.add(emitter);
            }
        }
        return new Implementation((String) info.get(0), dotted.toString(), (String) info.get(2),
                architecture(info.get(3)), Set.copyOf(emitters));
    }

    private static String architecture(Object mpy) {
        if (!(mpy instanceof Long bits)) {
            return null;
        }
        int index = (int) ((bits >> 10) & 0x0f);
        return index > 0 && index < ARCHITECTURES.size() ? ARCHITECTURES.get(index) : null;
    }

    /** Whether a function compiled with the emitter runs; old firmware or ports without it refuse. */
    private static boolean works(Device device, String emitter) {
        try {
            device.exec("@micropython." + emitter + "\ndef _belay_emit(x):\n    return x\n_belay_emit(1)\ndel _belay_emit",
                    Record.NO);
            return true;
        } catch (DeviceException e) {
            return false;
        }
    }
}
