using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Samverka.Domain.Formatting;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;
using Samverka.Web.Infrastructure.Web;

namespace Samverka.Web.Features.Notifications;

/// <summary>E-mail settings (<c>Email:</c>): an SMTP server, or in Development a folder the mails are written to as .eml files.</summary>
public sealed class EmailSettings
{
    public string From { get; set; } = "Samverka <noreply@samverka.example>";
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Without an SMTP host, mails are written here (Development: data/mail); with neither, they wait in the outbox.</summary>
    public string PickupDirectory { get; set; } = "";

    /// <summary>How long an instance holds a mail it is sending; a mail claimed by an instance that died is sent by another after this.</summary>
    public int ClaimSeconds { get; set; } = 300;

    public bool Configured => Smtp.Host.Length > 0 || PickupDirectory.Length > 0;
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string User { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>None, StartTls (the default), SslOnConnect, or Auto.</summary>
    public string Tls { get; set; } = "StartTls";
}

/// <summary>What a send run did.</summary>
public sealed record SendResult(int Sent, int Dropped, int Failed);

/// <summary>
/// Sends the outbox: each mail claimed for a few minutes by one instance (an UPDATE that only one
/// can win), checked again that its deadline is still open, handed to SMTP, then marked sent.
/// Failures are retried with growing pauses, at most <see cref="OutgoingMail.MaxAttempts"/> times.
/// </summary>
public sealed class MailSender(SamverkaDbContext db, DeadlineEngine engine, CurrentUserAccessor actor, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<EmailSettings> settings, ILogger<MailSender> log)
{
    private TimeSpan Claim => TimeSpan.FromSeconds(Math.Clamp(settings.Value.ClaimSeconds, 5, 3600));

    public async Task<SendResult> SendPendingAsync(CancellationToken ct, int max = 500)
    {
        actor.ActAs(CurrentUser.System);
        var email = settings.Value;
        if (!email.Configured)
        {
            return new(0, 0, 0);
        }

        var (sent, dropped, failed) = (0, 0, 0);
        SmtpClient? smtp = null;
        try
        {
            while (sent + dropped + failed < max)
            {
                var now = clock.GetUtcNow();
                var batch = await db.OutgoingMail.AsNoTracking()
                    .Where(m => m.SentAt == null && m.DroppedAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                    .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(20).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                var open = await engine.StillOpenAsync(batch.Select(m => m.DeadlineKey).OfType<string>().Distinct().ToList(), Swedish.Today(clock), ct);
                foreach (var m in batch)
                {
                    // The claim: only one instance moves ClaimedUntil from what it read.
                    var until = now + Claim;
                    var claimed = await db.OutgoingMail.Where(x => x.Id == m.Id && x.SentAt == null && x.DroppedAt == null && x.ClaimedUntil == m.ClaimedUntil)
                        .ExecuteUpdateAsync(u => u.SetProperty(x => x.ClaimedUntil, until), ct);
                    if (claimed == 0)
                    {
                        continue;
                    }

                    if (m.DeadlineKey is { } key && !open.Contains(key))
                    {
                        await db.OutgoingMail.Where(x => x.Id == m.Id).ExecuteUpdateAsync(u => u
                            .SetProperty(x => x.DroppedAt, now).SetProperty(x => x.DroppedBecause, "Redan gjort innan det skickades"), ct);
                        dropped++;
                        continue;
                    }

                    try
                    {
                        var message = Message(m, email);
                        if (email.Smtp.Host.Length > 0)
                        {
                            smtp ??= await ConnectAsync(email.Smtp, ct);
                            await smtp.SendAsync(message, ct);
                        }
                        else
                        {
                            Directory.CreateDirectory(email.PickupDirectory);
                            await message.WriteToAsync(Path.Combine(email.PickupDirectory, $"{m.Id:N}.eml"), ct);
                        }

                        // Accepted: from here until this UPDATE is the window in which a crash sends a second copy (ADR 0014).
                        await db.OutgoingMail.Where(x => x.Id == m.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SentAt, clock.GetUtcNow()).SetProperty(x => x.Attempts, m.Attempts + 1), CancellationToken.None);
                        sent++;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failed++;
                        smtp?.Dispose();
                        smtp = null;
                        var attempts = m.Attempts + 1;
                        var error = LogText.Safe(e.Message);
                        var next = now + TimeSpan.FromMinutes(Math.Min(360, Math.Pow(2, attempts)));
                        await db.OutgoingMail.Where(x => x.Id == m.Id).ExecuteUpdateAsync(u => u
                            .SetProperty(x => x.Attempts, attempts).SetProperty(x => x.LastError, error).SetProperty(x => x.NextAttemptAt, next)
                            .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null)
                            .SetProperty(x => x.DroppedAt, attempts >= OutgoingMail.MaxAttempts ? now : null)
                            .SetProperty(x => x.DroppedBecause, attempts >= OutgoingMail.MaxAttempts ? "Kunde inte skickas" : null), CancellationToken.None);
                        log.LogWarning("Mail {Id} not sent (attempt {Attempts}): {Error}", m.Id, attempts, error);
                    }
                }
            }
        }
        finally
        {
            if (smtp is not null)
            {
                if (smtp.IsConnected)
                {
                    await smtp.DisconnectAsync(true, CancellationToken.None);
                }

                smtp.Dispose();
            }
        }

        return new(sent, dropped, failed);
    }

    private static MimeMessage Message(OutgoingMail m, EmailSettings settings)
    {
        var message = new MimeMessage { Subject = m.Subject, MessageId = m.MessageId, Date = m.CreatedAt };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(new MailboxAddress(m.ToName, m.To));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody }.ToMessageBody();
        message.Prepare(EncodingConstraint.SevenBit); // quoted-printable: arrives intact through any relay
        return message;
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpSettings s, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        var tls = Enum.TryParse<SecureSocketOptions>(s.Tls, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
        await client.ConnectAsync(s.Host, s.Port, tls, ct);
        if (s.User.Length > 0)
        {
            await client.AuthenticateAsync(s.User, s.Password, ct);
        }

        return client;
    }
}
