package dev.strata.embedded;

import dev.strata.error.ErrorCode;
import dev.strata.error.StrataException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An exclusive operating-system lock on {@code .strata/lock}, held for as long as the holder runs
 * PostgreSQL on the project's data directory. The operating system releases it when the holder's
 * process exits, however it exits, so a crashed holder never blocks the next one. While held, the
 * file contains the holder's pid, for messages only.
 */
final class ProjectLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProjectLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock if no other holder has it (in this or another process); never waits. */
    static Optional<ProjectLock> tryAcquire(Path lockFile) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return Optional.of(new ProjectLock(channel, lock));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StrataException(ErrorCode.IO_FAILED,
                    "cannot lock " + lockFile + ": " + e.getMessage() + "; check the folder's permissions", e);
        }
    }

    /** "process N" for the pid the current (or last) holder wrote, for messages. */
    static String describeHolder(Path lockFile) {
        OptionalLong pid = holderPid(lockFile);
        return pid.isPresent() ? "process " + pid.getAsLong() : "another process";
    }

    /** The pid the current (or last) holder wrote into the file, if readable. */
    static OptionalLong holderPid(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
