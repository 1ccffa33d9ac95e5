package org.dlioparquet.core.checkpoint;

import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.config.TensorDatatype;

/**
 * One file a rank writes in each checkpoint: exactly the bytes of its tensors, one after the other
 * (no torch pickle or zip around them).
 *
 * @param name     file name inside the checkpoint's folder, DLIO's ({@code zero_pp_rank_0_mp_rank_0_optim_states.pt})
 * @param part     model or optimizer states
 * @param datatype element type of every tensor in it
 * @param tensors  element count of each tensor, in DLIO's order
 * @param bytes    the file's size: elements x the datatype's size
 */
public record CheckpointFile(String name, StatePart part, TensorDatatype datatype, List<Long> tensors, long bytes) {
    public CheckpointFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(datatype, "datatype");
        tensors = List.copyOf(tensors);
    }

    static CheckpointFile of(String name, StatePart part, TensorDatatype datatype, List<Long> tensors) {
        long elements = 0;
        for (long t : tensors) {
            elements = Math.addExact(elements, t);
        }
        return new CheckpointFile(name, part, datatype, tensors, Math.multiplyExact(elements, datatype.bytes()));
    }
}
