using System.Buffers;
using System.IO.Pipelines;

namespace UCE.Gateway.Transport;

/// <summary>
/// A connection's transport pipes as the stream a <see cref="System.Net.WebSockets.WebSocket"/> reads and writes. A read
/// into an empty buffer waits for data and consumes none (the WebSocket's zero-byte read, which keeps an idle connection
/// without a receive buffer); a write goes straight to the transport and is flushed.
/// </summary>
internal sealed class DuplexPipeStream(IDuplexPipe transport) : Stream
{
    private readonly PipeReader _input = transport.Input;
    private readonly PipeWriter _output = transport.Output;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var available = result.Buffer;
            if (available.IsEmpty)
            {
                _input.AdvanceTo(available.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return 0;
                }

                continue;
            }

            if (buffer.IsEmpty)
            {
                // Data is there: say so without taking any, so that the next read finds it at once.
                _input.AdvanceTo(available.Start, available.Start);
                return 0;
            }

            var count = (int)Math.Min(available.Length, buffer.Length);
            available.Slice(0, count).CopyTo(buffer.Span);
            _input.AdvanceTo(available.GetPosition(count));
            return count;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new IOException("The connection was closed.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken).AsTask();

    public override void Flush()
    {
        // Every write is flushed.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Reads are asynchronous only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Writes are asynchronous only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
