package io.tradecoord.ear;

import java.io.File;

/** The checkout the tests run in (found upwards from the working directory), for its scripts. */
public final class Repository {

    public static final File ROOT = find();

    private Repository() {
    }

    private static File find() {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            if (new File(dir, "scripts/services.sh").isFile()) {
                return dir;
            }
        }
        throw new IllegalStateException("scripts/services.sh not found above " + new File("").getAbsolutePath());
    }
}
