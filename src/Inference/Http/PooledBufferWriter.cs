using System.Buffers;

namespace Reconciler.Inference.Http;

/// <summary>
/// A growable buffer of arrays rented from the shared pool, for a part of a response whose length must be known
/// before the response starts (the JSON header of a binary tensor data answer).
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _written;

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => Buffer.AsSpan(0, _written);

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Reserve(int sizeHint)
    {
        var buffer = Buffer;
        var needed = Math.Max(sizeHint, 1);
        if (buffer.Length - _written >= needed)
        {
            return buffer;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _written + needed));
        buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        _buffer = larger;
        return larger;
    }
}
