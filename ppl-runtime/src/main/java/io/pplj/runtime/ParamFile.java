package io.pplj.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pplj.dist.Constraint;
import io.pplj.tensor.DType;
import io.pplj.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The parameter file format: a NumPy {@code .npz} archive (a zip of {@code .npy} arrays, so
 * {@code numpy.load("params.npz")["loc"]} reads a parameter in Python) holding each parameter's
 * <em>unconstrained</em> value as {@code <name>.npy}, little-endian, C order, plus a {@code params.json} entry:
 *
 * <pre>{@code
 * {"format": "pplj-params", "version": 1,
 *  "params": [{"name": "loc", "file": "loc.npy", "dtype": "float32", "shape": [2], "constraint": "positive"}]}
 * }</pre>
 *
 * <p>Values round-trip bit for bit. Writing is atomic: a temporary file in the target's directory, forced to disk,
 * then renamed over the target, so a crash never leaves a half-written file in its place.
 */
final class ParamFile {

    static final String META = "params.json";
    private static final String FORMAT = "pplj-params";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** A saved parameter. */
    record Saved(Tensor unconstrained, Constraint constraint) {
    }

    private ParamFile() {
    }

    static void write(Path file, Map<String, Tensor> values, Map<String, Constraint> constraints)
            throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("format", FORMAT);
        meta.put("version", 1);
        ArrayNode list = meta.putArray("params");
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            ObjectNode p = list.addObject();
            p.put("name", e.getKey());
            p.put("file", e.getKey() + ".npy");
            p.put("dtype", e.getValue().dtype().toString());
            ArrayNode shape = p.putArray("shape");
            for (int s : e.getValue().shape()) {
                shape.add(s);
            }
            p.put("constraint", ConstraintCodec.write(e.getKey(), constraints.get(e.getKey())));
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, Tensor> e : values.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    zip.write(npy(e.getValue()));
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(META));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                zip.closeEntry();
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static Map<String, Saved> read(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        byte[] metaBytes = entries.get(META);
        if (metaBytes == null) {
            throw new IOException(file + " is not a PPL-J parameter file (no " + META + " entry)");
        }
        JsonNode meta = JSON.readTree(metaBytes);
        if (!FORMAT.equals(meta.path("format").asText())) {
            throw new IOException(file + ": unknown format '" + meta.path("format").asText() + "'");
        }
        Map<String, Saved> out = new LinkedHashMap<>();
        for (JsonNode p : meta.path("params")) {
            String name = p.path("name").asText();
            byte[] npy = entries.get(p.path("file").asText());
            if (npy == null) {
                throw new IOException(file + ": parameter '" + name + "' has no array " + p.path("file").asText());
            }
            out.put(name, new Saved(fromNpy(name, npy), ConstraintCodec.read(p.path("constraint").asText())));
        }
        return out;
    }

    /** One array in NumPy's {@code .npy} format, version 1.0. */
    static byte[] npy(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        for (int s : t.shape()) {
            shape.append(s).append(", ");
        }
        if (t.dim() > 1) {
            shape.setLength(shape.length() - 2);
        } else if (t.dim() == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String header = "{'descr': '" + descr(t.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = MAGIC.length + 4 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        byte[] data = data(t);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    private static String descr(DType t) {
        switch (t) {
            case FLOAT32: return "<f4";
            case FLOAT64: return "<f8";
            case INT64: return "<i8";
            default: return "|b1";
        }
    }

    private static byte[] data(Tensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.numel() * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32: b.asFloatBuffer().put(t.toFloatArray()); break;
            case FLOAT64: b.asDoubleBuffer().put(t.toDoubleArray()); break;
            case INT64: b.asLongBuffer().put(t.toLongArray()); break;
            default:
                for (boolean v : t.toBooleanArray()) {
                    b.put((byte) (v ? 1 : 0));
                }
                break;
        }
        return b.array();
    }

    static Tensor fromNpy(String name, byte[] npy) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (b.get() != m) {
                throw new IOException("parameter '" + name + "': not a .npy array");
            }
        }
        int major = b.get();
        b.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
        byte[] h = new byte[headerLength];
        b.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name);
        if ("True".equals(group(FORTRAN, header, name))) {
            throw new IOException("parameter '" + name + "': Fortran-order arrays are not supported");
        }
        String[] dims = group(SHAPE, header, name).split(",");
        int count = 0;
        for (String d : dims) {
            count += d.isBlank() ? 0 : 1;
        }
        int[] shape = new int[count];
        int k = 0;
        for (String d : dims) {
            if (!d.isBlank()) {
                shape[k++] = Integer.parseInt(d.trim());
            }
        }
        int n = io.pplj.tensor.Shapes.numel(shape);
        ByteBuffer data = b.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (descr) {
            case "<f4": {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                return Tensor.ofFloats(v, shape);
            }
            case "<f8": {
                double[] v = new double[n];
                data.asDoubleBuffer().get(v);
                return Tensor.of(v, DType.FLOAT64, shape);
            }
            case "<i8": {
                long[] v = new long[n];
                data.asLongBuffer().get(v);
                return Tensor.ofLongs(v, shape);
            }
            case "|b1": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = data.get() != 0;
                }
                return Tensor.ofBooleans(v, shape);
            }
            default:
                throw new IOException("parameter '" + name + "': unsupported dtype " + descr);
        }
    }

    private static String group(Pattern p, String header, String name) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException("parameter '" + name + "': malformed .npy header " + header.trim());
        }
        return m.group(1);
    }
}
