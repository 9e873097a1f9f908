using System.Net;
using System.Text;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;

namespace Samverka.Web.Features.Notifications;

/// <summary>
/// Writes the e-mails, in Swedish, as plain text and HTML with the same content: what is due, by
/// when, and a link straight to the page that resolves it; at the foot, where to change what one
/// receives. Links are absolute, from <c>Samverka:BaseUrl</c>.
/// </summary>
public sealed class MailComposer(IConfiguration config)
{
    public const string PreferencesPath = "/konto/paminnelser";

    public string BaseUrl => (config["Samverka:BaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    public static string ReminderKey(Guid userId, string notificationKey) => $"{userId:N}|{notificationKey}";

    public static string DigestKey(Guid userId, DateOnly day) => $"digest:{userId:N}:{day:yyyy-MM-dd}";

    public OutgoingMail Reminder(Recipient to, Notification n, DateTimeOffset now) =>
        Mail(ReminderKey(to.UserId, n.Key), to, n.Title, n.DeadlineKey, now, [Item(n)]);

    public OutgoingMail Digest(Recipient to, IReadOnlyList<Notification> items, DateOnly day, DateTimeOffset now) =>
        Mail(DigestKey(to.UserId, day), to, items.Count == 1 ? $"Sammanfattning {Swedish.Date(day)}: {items[0].Title}" : $"Sammanfattning {Swedish.Date(day)}: {items.Count} påminnelser från Samverka",
            null, now, items.Select(Item).ToList());

    /// <summary>An invitation to a new account: the link where the person chooses a password.</summary>
    public OutgoingMail Invitation(Guid userId, string email, string name, string url, string invitedBy, DateTimeOffset now)
    {
        var text = new StringBuilder()
            .AppendLine($"Hej {name}!").AppendLine()
            .AppendLine($"{invitedBy} har skapat ett konto åt dig i Samverka, där kommunen och idéburna organisationer arbetar med idéburet offentligt partnerskap (IOP).")
            .AppendLine().AppendLine("Välj ditt lösenord här (länken gäller ett dygn):").AppendLine(url)
            .AppendLine().AppendLine("Har du inte väntat dig det här kan du bortse från meddelandet.").ToString();
        var html = $"<p>Hej {Enc(name)}!</p><p>{Enc(invitedBy)} har skapat ett konto åt dig i Samverka, där kommunen och idéburna organisationer arbetar med idéburet offentligt partnerskap (IOP).</p>"
            + $"<p><a href=\"{Enc(url)}\">Välj ditt lösenord</a> (länken gäller ett dygn).</p><p>Har du inte väntat dig det här kan du bortse från meddelandet.</p>";
        return new OutgoingMail
        {
            Key = $"invite:{userId:N}:{now.ToUnixTimeMilliseconds()}", UserId = userId, To = email, ToName = name, Subject = "Ditt konto i Samverka",
            TextBody = text, HtmlBody = Page("Ditt konto i Samverka", html), CreatedAt = now, NextAttemptAt = now,
        };
    }

    private sealed record Line(string Title, string Text, DateOnly By, string Url);

    private Line Item(Notification n) => new(n.Title, n.Text, n.By, BaseUrl + n.Link);

    private OutgoingMail Mail(string key, Recipient to, string subject, string? deadlineKey, DateTimeOffset now, IReadOnlyList<Line> lines)
    {
        var text = new StringBuilder().AppendLine($"Hej {to.Name}!").AppendLine();
        var html = new StringBuilder($"<p>Hej {Enc(to.Name)}!</p>");
        if (lines.Count > 1)
        {
            text.AppendLine("Det här väntar på dig i Samverka:").AppendLine();
            html.Append("<p>Det här väntar på dig i Samverka:</p>");
        }

        html.Append("<ul>");
        foreach (var l in lines)
        {
            text.AppendLine(l.Title).AppendLine(l.Text).AppendLine($"Senast: {Swedish.Date(l.By)}").AppendLine($"Gör det här: {l.Url}").AppendLine();
            html.Append($"<li><p><strong>{Enc(l.Title)}</strong><br>{Enc(l.Text)}<br>Senast: {Swedish.Date(l.By)}</p><p><a href=\"{Enc(l.Url)}\">Öppna i Samverka</a></p></li>");
        }

        html.Append("</ul>");
        var footer = $"Du får det här eftersom du arbetar med det i Samverka. Välj vilka påminnelser du får och hur: {BaseUrl}{PreferencesPath}";
        text.AppendLine("--").AppendLine(footer);
        html.Append($"<hr><p>Du får det här eftersom du arbetar med det i Samverka. <a href=\"{Enc(BaseUrl + PreferencesPath)}\">Välj vilka påminnelser du får och hur</a>.</p>");
        return new OutgoingMail
        {
            Key = key, UserId = to.UserId, To = to.Email, ToName = to.Name, Subject = subject.Length <= 300 ? subject : subject[..299] + "…",
            TextBody = text.ToString(), HtmlBody = Page(subject, html.ToString()), DeadlineKey = deadlineKey, CreatedAt = now, NextAttemptAt = now,
        };
    }

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{Enc(title)}</title></head><body style=\"font-family:sans-serif;line-height:1.5\">{body}</body></html>";

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
