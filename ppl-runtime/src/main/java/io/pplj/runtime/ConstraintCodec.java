package io.pplj.runtime;

import io.pplj.dist.Constraint;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads constraints back from the text {@link Constraint#toString()} writes ({@code "positive"},
 * {@code "interval(0, 1)"}, {@code "independent(real, 1)"}, ...), for saved parameter files.
 */
final class ConstraintCodec {

    private static final Pattern CALL = Pattern.compile("(\\w+)\\((.*)\\)");

    private ConstraintCodec() {
    }

    /** The text of a constraint that can be read back; tensor-bounded constraints have none. */
    static String write(String paramName, Constraint c) {
        String text = c.toString();
        if (text.contains("tensor")) {
            throw new IllegalArgumentException("param '" + paramName + "': constraint " + text + " has tensor"
                    + " bounds and cannot be saved; use numeric bounds");
        }
        return text;
    }

    /**
     * Parses a constraint.
     *
     * @throws IllegalArgumentException for unknown text
     */
    static Constraint read(String text) {
        String t = text.trim();
        switch (t) {
            case "real": return Constraint.real();
            case "realVector": return Constraint.realVector();
            case "positive": return Constraint.positive();
            case "nonNegative": return Constraint.nonNegative();
            case "unitInterval": return Constraint.unitInterval();
            case "simplex": return Constraint.simplex();
            case "lowerCholesky": return Constraint.lowerCholesky();
            case "positiveDefinite": return Constraint.positiveDefinite();
            case "corrCholesky": return Constraint.corrCholesky();
            case "integer": return Constraint.integer();
            case "nonNegativeInteger": return Constraint.nonNegativeInteger();
            case "positiveInteger": return Constraint.positiveInteger();
            case "bool": return Constraint.bool();
            default: return readCall(t);
        }
    }

    private static Constraint readCall(String t) {
        Matcher m = CALL.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown constraint '" + t + "'");
        }
        String name = m.group(1);
        String args = m.group(2);
        switch (name) {
            case "greaterThan": return Constraint.greaterThan(Double.parseDouble(args));
            case "greaterThanEq": return Constraint.greaterThanEq(Double.parseDouble(args));
            case "lessThan": return Constraint.lessThan(Double.parseDouble(args));
            case "interval": {
                String[] ab = args.split(",");
                return Constraint.interval(Double.parseDouble(ab[0].trim()), Double.parseDouble(ab[1].trim()));
            }
            case "integerInterval": {
                String[] ab = args.split(",");
                return Constraint.integerInterval(Double.parseDouble(ab[0].trim()), Double.parseDouble(ab[1].trim()));
            }
            case "independent": {
                int comma = args.lastIndexOf(',');
                return Constraint.independent(read(args.substring(0, comma)),
                        Integer.parseInt(args.substring(comma + 1).trim()));
            }
            default:
                throw new IllegalArgumentException("unknown constraint '" + t + "'");
        }
    }
}
