package dev.ledger.web.apidoc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error answer an endpoint gives for its own reasons (a 404 for an unknown claim, a 409 for a duplicate),
 * documented in the API description as problem+json with an example. The answers every endpoint of its
 * shape gives (400, 415, 500, the admin 401/403, a service's {@link ProblemRule}s) are added without it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Refuses.List.class)
public @interface Refuses {

    int status();

    /** When the endpoint answers so, as a clause: "the participant already joined this debate". */
    String when();

    /** The field the problem's errors list names; empty when it names none. */
    String field() default "";

    /** The kind in the problem type (urn:ledger:problem:KIND) when it is more precise than the status's; empty: the status's. */
    String kind() default "";

    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        Refuses[] value();
    }
}
