package org.dlioparquet.core.config;

/**
 * Element type of checkpointed tensors ({@code model.model_datatype}, {@code model.optimizer_datatype}),
 * with DLIO's names and sizes.
 */
public enum TensorDatatype {
    INT8(1),
    UINT8(1),
    FP16(2),
    BF16(2),
    FP32(4),
    FP64(8);

    private final int bytes;

    TensorDatatype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /**
     * The little-endian bytes of one element of value 1, which DLIO writes ({@code torch.ones}) when
     * {@code checkpoint.randomize_tensor} is False.
     */
    public byte[] one() {
        switch (this) {
            case FP16:
                return new byte[] {0x00, 0x3C};
            case BF16:
                return new byte[] {(byte) 0x80, 0x3F};
            case FP32:
                return new byte[] {0x00, 0x00, (byte) 0x80, 0x3F};
            case FP64:
                return new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F};
            default:
                return new byte[] {1};
        }
    }
}
