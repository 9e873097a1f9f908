using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net.CalendarComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Features.Notifications;
using Samverka.Web.Features.Partnerships;
using Samverka.Web.Infrastructure.Cli;
using Samverka.Web.Infrastructure.Seeding;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Deadlines that reach people, on both databases, with mail delivered to a real SMTP server in
/// the test process: each reminder of the demo partnerships and guidelines arrives once, on the
/// right day, with a link that opens; a second pass sends nothing; a choice turned off sends
/// nothing and a summary bundles; what is done before it is sent is not sent; the calendar
/// feeds parse and a moved meeting keeps its event.
/// </summary>
public abstract class ReminderTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private const string Club = "kansli@stenungsundsif.example";

    private async Task<PassResult> PassAsync(DateOnly? day = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ReminderPass>().RunAsync(day, Ct);
        await using var send = App.Services.CreateAsyncScope();
        var sent = await send.ServiceProvider.GetRequiredService<MailSender>().SendPendingAsync(Ct);
        Assert.Equal(0, sent.Failed);
        return result;
    }

    private DateOnly Today => Swedish.Today(App.Clock);

    /// <summary>The clock at noon in Stockholm on a day.</summary>
    private void On(DateOnly day) => App.Clock.Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero));

    private Task<Guid> PartnershipAsync() =>
        App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == DemoPartnerships.Title).Select(p => p.Id).SingleAsync(Ct));

    private static IEnumerable<MimeMessage> To(IEnumerable<MimeMessage> messages, string email) =>
        messages.Where(m => m.To.Mailboxes.Any(x => x.Address == email));

    [Fact]
    public async Task The_daily_pass_tells_each_person_once_by_mail_with_a_link_that_opens_and_a_second_pass_sends_nothing()
    {
        var first = await PassAsync();
        var mails = App.Smtp.Messages;
        Assert.True(first.Notified > 0 && first.Mails > 0, $"{first}");
        Assert.Equal(first.Mails + first.Digests, mails.Count);
        Assert.Equal(mails.Count, mails.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(mails.Count, mails.Select(m => (m.To.Mailboxes.Single().Address, m.Subject)).Distinct().Count()); // nobody gets the same twice

        // The official of the Stenungsund partnership hears of its steering group and its late quarters; in Swedish, as text and HTML.
        var henrik = To(mails, Demo.Official).ToList();
        Assert.Contains(henrik, m => (m.Subject ?? "").StartsWith("Försenat: Kvartalsuppföljning kvartal", StringComparison.Ordinal) && (m.Subject ?? "").Contains(DemoPartnerships.Title, StringComparison.Ordinal));
        Assert.All(henrik, m => Assert.Contains("Hej Henrik Handläggare!", m.TextBody, StringComparison.Ordinal));
        Assert.All(henrik, m => Assert.Contains("<a href=\"http://samverka.test/partnerskap/", m.HtmlBody, StringComparison.Ordinal));
        // The organisation hears of what is its to do, not of payments; the committee of what comes before it;
        // the municipal administrator of the guidelines' review (mandate period 2026–2030 began 2026-10-15) and, in a summary, of what is late.
        Assert.DoesNotContain(To(mails, Club), m => (m.Subject ?? "").Contains("Utbetalning", StringComparison.Ordinal));
        Assert.Contains(To(mails, Club), m => (m.Subject ?? "").Contains("Kvartalsuppföljning", StringComparison.Ordinal));
        Assert.Contains(To(mails, Demo.CommitteeMember), m => (m.Subject ?? "").Contains("Kvartalsuppföljning", StringComparison.Ordinal));
        Assert.Contains(To(mails, Demo.MunicipalAdmin), m => (m.Subject ?? "").StartsWith("Översyn av", StringComparison.Ordinal) && (m.Subject ?? "").Contains("senast 2030-10-14", StringComparison.Ordinal));
        Assert.Contains(To(mails, Demo.MunicipalAdmin), m => (m.Subject ?? "").StartsWith($"Sammanfattning {Swedish.Date(Today)}", StringComparison.Ordinal)
            && m.TextBody!.Contains("Försenat i kommunen", StringComparison.Ordinal));
        Assert.DoesNotContain(To(mails, Demo.OtherMunicipalityOfficial), m => (m.Subject ?? "").Contains("Stenungsön", StringComparison.Ordinal)); // another municipality's official hears nothing of it

        // The link in the mail opens the page where it is done, for the person it was sent to.
        var link = henrik.Select(m => System.Text.RegularExpressions.Regex.Match(m.TextBody!, @"Gör det här: http://samverka\.test(\S+)").Groups[1].Value).First(l => l.Length > 0);
        var browser = await App.SignInAsync(Demo.Official);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link, Ct)).StatusCode);

        // The inbox holds the same, with the unread count in the menu.
        var api = await App.ApiAsync(Demo.Official);
        var inbox = await (await api.GetAsync("/api/v1/me/notifications?pageSize=100", Ct)).ReadAsync<Features.Api.Page<NotificationDto>>();
        Assert.Equal(henrik.Select(m => m.Subject).Order(), inbox.Items.Select(n => n.Title).Order());
        Assert.Contains($"<span class=\"badge\">{inbox.Total}<span class=\"visually-hidden\"> olästa</span>", await browser.GetStringAsync("/", Ct), StringComparison.Ordinal);

        // The same day again, or on another instance: nothing new.
        App.Smtp.Clear();
        var again = await PassAsync();
        Assert.Equal((0, 0, 0), (again.Notified, again.Mails, again.Digests));
        Assert.Empty(App.Smtp.Messages);
    }

    [Fact]
    public async Task A_meeting_is_told_the_lead_time_before_and_on_the_day_and_a_meeting_already_held_is_not_mailed()
    {
        var id = await PartnershipAsync();
        var meetings = await App.WithDbAsync(db => db.Obligations.Where(o => o.PartnershipId == id && o.Kind == DueKind.Meeting && o.By > Today.AddDays(10))
            .OrderBy(o => o.By).Select(o => o.By).Take(2).ToListAsync(Ct));
        var (next, after) = (meetings[0], meetings[1]);
        string Subject(DateOnly day, string how) => $"Styrgruppsmöte {Swedish.Date(day)} i {DemoPartnerships.Title} – {how}";

        On(next.AddDays(-8));
        await PassAsync();
        Assert.DoesNotContain(App.Smtp.Messages, m => (m.Subject ?? "").StartsWith(Subject(next, "")[..^3], StringComparison.Ordinal));

        On(next.AddDays(-Reminders.DefaultLeadDays));
        await PassAsync();
        Assert.Single(To(App.Smtp.Messages, Demo.Official), m => m.Subject == Subject(next, $"senast {Swedish.Date(next)}"));
        Assert.Single(To(App.Smtp.Messages, Club), m => m.Subject == Subject(next, $"senast {Swedish.Date(next)}"));

        On(next);
        App.Smtp.Clear();
        await PassAsync();
        Assert.Single(To(App.Smtp.Messages, Demo.Official), m => m.Subject == Subject(next, "i dag"));

        // Held on its day after the pass wrote the day's reminder, before the outbox sent it: the mail is dropped, the reminder marked done.
        On(after);
        App.Smtp.Clear();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderPass>().RunAsync(null, Ct);
        }

        var api = await App.ApiAsync(Demo.Official);
        var p = await (await api.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        var members = p.SteeringGroup.GroupBy(m => m.PartyId).Select(g => g.First().Name).ToArray();
        var held = await api.PostAsJsonAsync($"/api/v1/partnerships/{id}/meetings", new { version = p.Version, date = Today, kind = "Ordinary", present = members, minutes = "Månadens möte, hållet i förväg." }, Ct);
        Assert.True(held.IsSuccessStatusCode, await held.Content.ReadAsStringAsync(Ct));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MailSender>().SendPendingAsync(Ct);
        }

        var told = $"Styrgruppsmöte {Swedish.Date(after)} i {DemoPartnerships.Title}";
        Assert.DoesNotContain(App.Smtp.Messages, m => (m.Subject ?? "").StartsWith(told, StringComparison.Ordinal));
        Assert.True(await App.WithDbAsync(db => db.OutgoingMail.AnyAsync(m => m.Subject.StartsWith(told) && m.DroppedAt != null && m.SentAt == null, Ct)));
        await PassAsync();
        var inbox = await (await api.GetAsync("/api/v1/me/notifications?pageSize=100", Ct)).ReadAsync<Features.Api.Page<NotificationDto>>();
        Assert.True(inbox.Items.Single(n => n.Title.StartsWith(told, StringComparison.Ordinal)).Done);
    }

    [Fact]
    public async Task Just_after_midnight_in_Stockholm_today_is_the_new_day_for_date_checks_and_reminders()
    {
        var day = Today.AddDays(1);
        App.Clock.Set(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(0, 30)), Swedish.Stockholm), TimeSpan.Zero));
        Assert.Equal((day, day.AddDays(-1).ToDateTime(TimeOnly.MinValue)), (Today, App.Clock.GetUtcNow().UtcDateTime.Date)); // the UTC date is still yesterday's

        var id = await PartnershipAsync();
        var api = await App.ApiAsync(Demo.Official);
        var p = await (await api.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        var members = p.SteeringGroup.GroupBy(m => m.PartyId).Select(g => g.First().Name).ToArray();
        var early = await api.PostAsJsonAsync($"/api/v1/partnerships/{id}/meetings", new { version = p.Version, date = day.AddDays(1), kind = "Extra", present = members, minutes = "Inte hållet än." }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.True((await early.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("date", out _));
        var held = await api.PostAsJsonAsync($"/api/v1/partnerships/{id}/meetings", new { version = p.Version, date = day, kind = "Extra", present = members, minutes = "Hållet strax efter midnatt." }, Ct);
        Assert.True(held.IsSuccessStatusCode, await held.Content.ReadAsStringAsync(Ct));

        Assert.Equal(day, (await PassAsync()).Day);
    }

    [Fact]
    public async Task A_kind_turned_off_sends_nothing_and_a_summary_bundles_the_rest_in_one_mail()
    {
        var api = await App.ApiAsync(Demo.Official);
        var saved = await api.PutAsJsonAsync("/api/v1/me/notification-preferences",
            new { leadDays = 7, kinds = new object[] { new { kind = "FollowUp", delivery = "Off" }, new { kind = "Meeting", delivery = "Digest" } } }, Ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Ct));

        // Every wrong field at once, named, and nothing saved.
        var refused = await api.PutAsJsonAsync("/api/v1/me/notification-preferences", new { leadDays = 99, kinds = new object[] { new { kind = "Decision", delivery = "Off" } } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("leadDays", out _) && errors.TryGetProperty("kinds[0].kind", out _), errors.ToString());
        var prefs = await (await api.GetAsync("/api/v1/me/notification-preferences", Ct)).ReadAsync<PreferencesDto>();
        Assert.Equal((7, Delivery.Off, Delivery.Digest), (prefs.LeadDays, prefs.Kinds.Single(k => k.Kind == ReminderKind.FollowUp).Delivery, prefs.Kinds.Single(k => k.Kind == ReminderKind.Meeting).Delivery));

        // A day on which the partnership's next meeting is due (or late) and a follow-up is within the club's lead time, whatever today is.
        var id = await PartnershipAsync();
        var due = await App.WithDbAsync(db => db.Obligations.Where(o => o.PartnershipId == id && (o.Kind == DueKind.Meeting || o.Kind == DueKind.QuarterlyFollowUp)).ToListAsync(Ct));
        var day = due.Where(m => m.Kind == DueKind.Meeting && m.By >= Today).Select(m => m.By).Order()
            .First(d => due.Any(f => f.Kind == DueKind.QuarterlyFollowUp && f.By.AddDays(-Reminders.DefaultLeadDays) <= d && d <= f.HideAfter));
        On(day);
        await PassAsync();
        var henrik = To(App.Smtp.Messages, Demo.Official).ToList();
        var digest = Assert.Single(henrik, m => (m.Subject ?? "").StartsWith($"Sammanfattning {Swedish.Date(Today)}", StringComparison.Ordinal));
        Assert.DoesNotContain(henrik, m => m != digest && ((m.Subject ?? "").Contains("Styrgruppsmöte", StringComparison.Ordinal) || (m.Subject ?? "").Contains("Kvartalsuppföljning", StringComparison.Ordinal))); // meetings only in the summary, follow-ups not at all
        Assert.Contains("Styrgruppsmöte", digest.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Kvartalsuppföljning", digest.TextBody, StringComparison.Ordinal);
        api = await App.ApiAsync(Demo.Official); // signed in again on the day
        var inbox = await (await api.GetAsync("/api/v1/me/notifications?pageSize=100", Ct)).ReadAsync<Features.Api.Page<NotificationDto>>();
        Assert.DoesNotContain(inbox.Items, n => n.Kind == ReminderKind.FollowUp);
        Assert.Contains(To(App.Smtp.Messages, Club), m => (m.Subject ?? "").Contains("Kvartalsuppföljning", StringComparison.Ordinal)); // the others' choices stand
    }

    [Fact]
    public async Task The_calendar_feeds_parse_with_stable_uids_a_moved_meeting_keeps_its_event_and_a_renewed_address_ends_the_old()
    {
        var id = await PartnershipAsync();
        var api = await App.ApiAsync(Demo.Official);
        var mine = (await (await api.GetAsync("/api/v1/me/calendar-feed", Ct)).ReadAsync<CalendarFeedDto>()).Url;
        Assert.Equal(mine, (await (await api.GetAsync("/api/v1/me/calendar-feed", Ct)).ReadAsync<CalendarFeedDto>()).Url); // the same address until renewed
        var url = (await (await api.GetAsync($"/api/v1/partnerships/{id}/calendar-feed", Ct)).ReadAsync<CalendarFeedDto>()).Url;
        var anonymous = App.CreateClient();
        async Task<IReadOnlyList<CalendarEvent>> EventsAsync(string feed)
        {
            var response = await anonymous.GetAsync(new Uri(feed).PathAndQuery, Ct);
            Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
            return Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync(Ct))!.Events.ToList();
        }

        var personal = await EventsAsync(mine);
        Assert.NotEmpty(personal);
        Assert.All(personal, e => Assert.True(e.DtStart is not null && e.Uid!.EndsWith("@samverka", StringComparison.Ordinal)));
        Assert.Equal(personal.Count, personal.Select(e => e.Uid).Distinct().Count());

        // The next meeting whose day after is in the same month; held that day, its event moves.
        var meeting = await App.WithDbAsync(db => db.Obligations.Where(o => o.PartnershipId == id && o.Kind == DueKind.Meeting && o.By > Today).OrderBy(o => o.By).Select(o => o.By).FirstAsync(Ct));
        On(meeting.AddDays(-1));
        var before = (await EventsAsync(url)).Single(e => e.DtStart!.Date == meeting && e.Summary!.StartsWith("Styrgruppsmöte", StringComparison.Ordinal));
        On(meeting.AddDays(1));
        api = await App.ApiAsync(Demo.Official); // a test key lasts a day
        var p = await (await api.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        var members = p.SteeringGroup.GroupBy(m => m.PartyId).Select(g => g.First().Name).ToArray();
        var held = await api.PostAsJsonAsync($"/api/v1/partnerships/{id}/meetings", new { version = p.Version, date = Today, kind = "Ordinary", present = members, minutes = "Flyttat en dag." }, Ct);
        Assert.True(held.IsSuccessStatusCode, await held.Content.ReadAsStringAsync(Ct));
        var moved = (await EventsAsync(url)).Where(e => e.Uid == before.Uid).ToList();
        Assert.Equal(Today, Assert.Single(moved).DtStart!.Date);
        Assert.True(moved[0].Sequence > before.Sequence);

        // A renewed address ends the old one; a revoked one answers nothing; nobody else's partnership is handed out.
        var renewed = (await (await api.PostAsync($"/api/v1/partnerships/{id}/calendar-feed/renew", null, Ct)).ReadAsync<CalendarFeedDto>()).Url;
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery, Ct)).StatusCode);
        Assert.NotEmpty(await EventsAsync(renewed));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("/api/v1/me/calendar-feed", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(mine).PathAndQuery, Ct)).StatusCode);
        var other = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/partnerships/{id}/calendar-feed", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/kalender/inte-en-riktig-adress-alls-nej.ics", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_operator_command_runs_the_pass_for_a_given_day_and_the_inbox_marks_read()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var output = new StringWriter();
            var code = await scope.ServiceProvider.GetRequiredService<CommandLine>().RunAsync(["reminders", "--today", Swedish.Date(Today)], TextReader.Null, output, Ct);
            Assert.Equal(0, code);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}: \d+ öppna tidsgränser, [1-9]\d* nya påminnelser", output.ToString());
            Assert.Contains("E-post: ", output.ToString(), StringComparison.Ordinal);
            await Assert.ThrowsAsync<Domain.Common.DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<CommandLine>().RunAsync(["reminders", "--today", "1 december"], TextReader.Null, new StringWriter(), Ct));
        }

        Assert.NotEmpty(App.Smtp.Messages);
        var browser = await App.SignInAsync(Demo.Official);
        var page = await browser.GetStringAsync("/meddelanden", Ct);
        Assert.Contains("Markera alla som lästa", page, StringComparison.Ordinal);
        var done = await browser.PostFormFromAsync("/meddelanden", "/meddelanden/ReadAll");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.DoesNotContain("class=\"badge\"", await browser.GetStringAsync("/meddelanden", Ct), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReminderTests(SqliteApp app) : ReminderTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderTests(PostgresApp app) : ReminderTests<PostgresApp>(app);
