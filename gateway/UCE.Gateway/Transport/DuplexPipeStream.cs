using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace UCE.Gateway.Transport;

/// <summary>
/// A connection's transport as the stream a <see cref="System.Net.WebSockets.WebSocket"/> reads and writes. Reads come from
/// the transport's input pipe; a read into an empty buffer waits for data and consumes none (the WebSocket's zero-byte
/// read, which keeps an idle connection without a receive buffer). With the connection's socket (Kestrel's
/// socket transport gives it), a write is sent on it by the writing thread, usually at once: no copy into the output pipe
/// and no hop to the transport's sending task, which a fan-out to thousands of connections would pay per message. Without
/// one, a write goes to the output pipe and is flushed. Everything written to the connection must then go one way. The
/// socket is switched to non-blocking sends (the transport only ever uses it asynchronously).
/// </summary>
internal sealed class DuplexPipeStream : Stream
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Socket? _socket;

    public DuplexPipeStream(IDuplexPipe transport, Socket? socket = null)
    {
        _input = transport.Input;
        _output = transport.Output;
        if (socket is not null)
        {
            socket.Blocking = false;
            _socket = socket;
        }
    }

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
        if (_socket is { } socket)
        {
            try
            {
                // What the kernel takes at once is sent without waiting (and without the socket's asynchronous send
                // state, which would stay with an idle connection); only a connection whose send buffer is full waits.
                var sent = socket.Send(buffer.Span, SocketFlags.None, out var error);
                if (error is not SocketError.Success and not SocketError.WouldBlock)
                {
                    throw new SocketException((int)error);
                }

                buffer = buffer[sent..];
                while (!buffer.IsEmpty)
                {
                    sent = await socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                    buffer = buffer[sent..];
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                throw new IOException("The connection was closed.", ex);
            }

            return;
        }

        var result = await _output.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new IOException("The connection was closed.");
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _socket is null ? _output.FlushAsync(cancellationToken).AsTask() : Task.CompletedTask;

    public override void Flush()
    {
        // Every write is flushed.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Reads are asynchronous only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Writes are asynchronous only.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
