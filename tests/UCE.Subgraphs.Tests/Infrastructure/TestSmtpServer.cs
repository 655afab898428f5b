using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace UCE.Subgraphs.Tests.Infrastructure;

/// <summary>
/// An SMTP server on 127.0.0.1 (the SmtpServer package) that keeps every message it accepts. A recipient address can be
/// refused with a reply code of the test's choice (550: for good; 451: try later).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> received = new();
    private readonly ConcurrentDictionary<string, int> refusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stop = new();
    private SmtpServer.SmtpServer? server;
    private Task? running;

    public int Port { get; private set; }

    /// <summary>Every message accepted, in order.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. received];

    /// <summary>The messages accepted for <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. received.Where(message => message.To.Mailboxes.Any(mailbox => string.Equals(mailbox.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>From now on <c>RCPT TO</c> <paramref name="address"/> is answered with <paramref name="replyCode"/>; 0 accepts it again.</summary>
    public void Refuse(string address, int replyCode)
    {
        if (replyCode == 0)
        {
            refusals.TryRemove(address, out _);
        }
        else
        {
            refusals[address] = replyCode;
        }
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var smtp = new TestSmtpServer();
        smtp.Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("uce-test-smtp")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, smtp.Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(smtp));
        services.Add(new Filter(smtp));
        smtp.server = new SmtpServer.SmtpServer(options, services);
        smtp.running = smtp.server.StartAsync(smtp.stop.Token);
        await Eventually.TrueAsync(async () =>
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, smtp.Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "the SMTP server listens");
        return smtp;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer smtp) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            smtp.received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer smtp) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = $"{to.User}@{to.Host}";
            if (smtp.refusals.TryGetValue(address, out var code))
            {
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)code, $"Refused by the test: {address}"));
            }

            return Task.FromResult(true);
        }
    }
}
