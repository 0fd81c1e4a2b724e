package io.pplj.runtime;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Hides sites from the handlers outside it: a hidden message stops here, so outer traces do not record it and outer
 * handlers do not change it. The value is still computed.
 */
public final class BlockMessenger extends Messenger {

    private final Predicate<Message> hide;

    /** Hides the messages {@code hide} accepts. */
    public BlockMessenger(Predicate<Message> hide) {
        this.hide = hide;
    }

    /** Hides every site. */
    public static BlockMessenger all() {
        return new BlockMessenger(m -> true);
    }

    /** Hides the named sites. */
    public static BlockMessenger hide(String... names) {
        Set<String> set = Set.of(names);
        return new BlockMessenger(m -> set.contains(m.name()));
    }

    /** Hides every site except the named ones. */
    public static BlockMessenger expose(String... names) {
        Set<String> set = Set.of(names);
        return new BlockMessenger(m -> !set.contains(m.name()));
    }

    /** Hides sites of the given kinds. */
    public static BlockMessenger hideTypes(Message.Type... types) {
        Set<Message.Type> set = EnumSet.noneOf(Message.Type.class);
        set.addAll(java.util.List.of(types));
        return new BlockMessenger(m -> set.contains(m.type()));
    }

    /** Hides every site except those of the given kinds. */
    public static BlockMessenger exposeTypes(Message.Type... types) {
        Set<Message.Type> set = EnumSet.noneOf(Message.Type.class);
        set.addAll(java.util.List.of(types));
        return new BlockMessenger(m -> !set.contains(m.type()));
    }

    @Override
    protected void process(Message msg) {
        if (hide.test(msg)) {
            msg.stop();
        }
    }
}
