using System.Buffers;

namespace Reconciler.Inference.Http;

/// <summary>A request body held in a pooled array until the request is parsed.</summary>
internal sealed class PooledBody(byte[] array, int length) : IDisposable
{
    private byte[]? _array = array;

    public ReadOnlySpan<byte> Span => (_array ?? throw new ObjectDisposedException(nameof(PooledBody))).AsSpan(0, length);

    public int Length => length;

    public void Dispose()
    {
        if (_array is { } a)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(a);
        }
    }
}
