package org.dlioparquet.core.dist;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The handles of one MPI family, as the C calls take them. Open MPI's handles are the addresses
 * of its global objects ({@code MPI_COMM_WORLD} is {@code &ompi_mpi_comm_world}); the MPICH ABI
 * (MPICH, Intel MPI, MVAPICH, Cray MPICH) uses {@code int} constants from its {@code mpi.h}. Each is
 * kept as an {@code Object} (a {@link Pointer} or an {@link Integer}) so one code path calls both.
 */
record MpiAbi(String family, Object commWorld, Object intType, Object longType, Object doubleType, Object byteType,
              Object sum, Object max, Object min, Pointer inPlace) {

    static final int THREAD_SERIALIZED = 2;

    /** Open MPI when the library has {@code ompi_mpi_comm_world}, otherwise the MPICH ABI. */
    static MpiAbi of(NativeLibrary lib) {
        Pointer world;
        try {
            world = lib.getGlobalVariableAddress("ompi_mpi_comm_world");
        } catch (UnsatisfiedLinkError notOpenMpi) {
            return mpich();
        }
        return new MpiAbi("Open MPI", world, lib.getGlobalVariableAddress("ompi_mpi_int"),
                lib.getGlobalVariableAddress("ompi_mpi_long"), lib.getGlobalVariableAddress("ompi_mpi_double"),
                lib.getGlobalVariableAddress("ompi_mpi_byte"), lib.getGlobalVariableAddress("ompi_mpi_op_sum"),
                lib.getGlobalVariableAddress("ompi_mpi_op_max"), lib.getGlobalVariableAddress("ompi_mpi_op_min"),
                Pointer.createConstant(1L));
    }

    private static MpiAbi mpich() {
        return new MpiAbi("MPICH", 0x44000000, 0x4c000405, 0x4c000807, 0x4c00080b, 0x4c00010d,
                0x58000003, 0x58000001, 0x58000002, Pointer.createConstant(-1L));
    }

    Object op(ReduceOp op) {
        return switch (op) {
            case SUM -> sum;
            case MAX -> max;
            case MIN -> min;
        };
    }
}
