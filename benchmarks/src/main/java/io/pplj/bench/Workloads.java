package io.pplj.bench;

import io.pplj.tensor.Backends;
import io.pplj.tensor.ThreadScope;
import io.pplj.tensor.cpu.CpuBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the workloads of WORKLOADS.md and prints one result line per workload on stdout (nothing else goes there):
 * {@code benchmarks/run.sh [--device cpu|cuda] [--threads N] WORKLOAD...}.
 */
public final class Workloads {

    private static final Map<String, Workload> WORKLOADS = new TreeMap<>();

    static {
        WORKLOADS.put("op", new SmallOpWorkload());
        WORKLOADS.put("w1_normal_normal_autonormal", new W1NormalNormal());
        WORKLOADS.put("w2_bayes_linreg_autonormal", new W2BayesLinreg());
        WORKLOADS.put("w3_bernoulli_mixture_tracegraph", new W3BernoulliMixture());
        WORKLOADS.put("w4_mlp_vae_784_b256", new W4MlpVae());
        WORKLOADS.put("w5_conv_vae_64px_b64", new W5ConvVae());
    }

    private Workloads() {
    }

    /** Parses the command line and runs the named workloads in order. */
    @SuppressWarnings("try")
    public static void main(String[] args) {
        int threads = 2;
        String device = "cpu";
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads": threads = Integer.parseInt(args[++i]); break;
                case "--device": device = args[++i]; break;
                default: names.add(args[i]); break;
            }
        }
        if (!device.equals("cpu")) {
            fail("device '" + device + "' is not available yet: the CUDA backend (ppl-cuda) has not landed; use --device cpu");
        }
        if (names.isEmpty()) {
            fail("usage: run.sh [--device cpu|cuda] [--threads N] WORKLOAD...; workloads: " + WORKLOADS.keySet());
        }
        names.replaceAll(Workloads::resolve);
        for (String name : names) {
            if (!WORKLOADS.containsKey(name)) {
                fail("unknown workload '" + name + "'; available: " + WORKLOADS.keySet());
            }
        }
        CpuBackend backend = CpuBackend.withThreads(threads);
        try (ThreadScope s = Backends.use(backend)) {
            for (String name : names) {
                for (String line : WORKLOADS.get(name).run()) {
                    System.out.println(line);
                }
            }
        }
    }

    /** Full names, or their short forms {@code w1}, {@code w2}, ... */
    private static String resolve(String name) {
        for (String full : WORKLOADS.keySet()) {
            if (full.startsWith(name + "_")) {
                return full;
            }
        }
        return name;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    /** Formats a workload line: {@code name\tkey=value...}. */
    static String line(String name, Object... keyValues) {
        StringBuilder sb = new StringBuilder(name);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            String text = v instanceof Double ? String.format(Locale.ROOT, "%.3f", (Double) v) : String.valueOf(v);
            sb.append('\t').append(keyValues[i]).append('=').append(text);
        }
        return sb.toString();
    }
}
