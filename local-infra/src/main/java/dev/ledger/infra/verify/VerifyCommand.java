package dev.ledger.infra.verify;

import dev.ledger.events.history.BundleVerifier;
import dev.ledger.events.history.VerificationResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./ledger verify BUNDLE [--key KEYFILE] [--since OLDER_CHECKPOINT]}: checks an exported debate with no
 * service running (see docs/verifiable-history.md). Exit 0 valid, 1 invalid (the first failing event and why),
 * 2 unusable input or a wrong command line.
 */
public final class VerifyCommand {

    static final String USAGE = "usage: ./ledger verify BUNDLE [--key KEYFILE] [--since OLDER_CHECKPOINT]";

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path bundle = null;
        Path key = null;
        Path since = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--key") || arg.equals("--since")) && i + 1 < args.size()) {
                Path value = Path.of(args.get(++i));
                if (arg.equals("--key")) {
                    key = value;
                } else {
                    since = value;
                }
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("-") || bundle != null) {
                err.println("ledger verify: unexpected argument '" + arg + "'");
                err.println(USAGE);
                return 2;
            } else {
                bundle = Path.of(arg);
            }
        }
        if (bundle == null) {
            err.println(USAGE);
            return 2;
        }
        VerificationResult result = BundleVerifier.verify(bundle, key, since);
        PrintStream stream = result instanceof VerificationResult.Unusable ? err : out;
        stream.println(result.message());
        result.warnings().forEach(warning -> stream.println("note: " + warning));
        return result.exitCode();
    }
}
