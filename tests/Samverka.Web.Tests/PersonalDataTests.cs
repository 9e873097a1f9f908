using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Partnerships;
using Samverka.Web.Infrastructure.Seeding;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// Participants, consents and day notes in the running Stenungsund partnership, on both databases:
/// seen only by the people working in it (the official and the club's office manager), never by
/// auditors, other officials, other organisations or anonymous callers; the retention job deletes
/// exactly the expired day notes and logs counts, not content; withdrawal of consent erases.
/// </summary>
public abstract class PersonalDataTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private const string ClubRep = "kansli@stenungsundsif.example";
    private const string Name = "Elin Ekström";

    private static async Task<T> PostAsync<T>(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync(Ct))}");
        return await response.ReadAsync<T>();
    }

    private Task<Guid> PartnershipAsync() =>
        App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == DemoPartnerships.Title).Select(p => p.Id).SingleAsync(Ct));

    /// <summary>The official records a coordination meeting and registers the young person referred at it, with consent.</summary>
    private async Task<(Guid Partnership, ParticipantDto Participant)> ReferAsync(HttpClient official)
    {
        var id = await PartnershipAsync();
        var today = Swedish.Today(App.Clock);
        var p = await (await official.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        p = await PostAsync<PartnershipDto>(official, $"/api/v1/partnerships/{id}/coordination", new
        {
            version = p.Version, date = Swedish.Date(today), referringUnit = "Elevhälsan, Stenungsundsskolan", participants = "Kurator, föreningens kanslist", outcome = "Eleven börjar som hjälpledare.",
        });
        var meeting = p.Coordination[0].Id;
        var x = await PostAsync<ParticipantDto>(official, $"/api/v1/partnerships/{id}/participants", new
        {
            name = Name, birthDate = Swedish.Date(today.AddYears(-15)), coordinationMeetingId = meeting, underActivityResponsibility = true,
        });
        x = await PostAsync<ParticipantDto>(official, $"/api/v1/partnerships/{id}/participants/{x.Id}/consent", new { version = x.Version, givenOn = Swedish.Date(today), givenBy = "Elin och hennes vårdnadshavare" });
        return (id, x);
    }

    [Fact]
    public async Task Participants_are_seen_only_by_the_people_working_in_the_partnership()
    {
        var official = await App.ApiAsync(Demo.Official);
        var (id, x) = await ReferAsync(official);
        Assert.Equal((15, true, true), (x.AgeToday, x.UnderActivityResponsibility, x.HasConsent));
        await PostAsync<DayNoteDto>(official, $"/api/v1/partnerships/{id}/participants/{x.Id}/notes", new { date = Swedish.Date(Swedish.Today(App.Clock)), text = "Elin visade de yngre hur man värmer upp." });

        // The club's office manager works in the partnership too: she sees the participant and the note.
        var club = await App.ApiAsync(ClubRep);
        var seen = await (await club.GetAsync($"/api/v1/partnerships/{id}/participants", Ct)).ReadAsync<Page<ParticipantDto>>();
        Assert.Equal(Name, Assert.Single(seen.Items).Name);
        Assert.Single((await (await club.GetAsync($"/api/v1/partnerships/{id}/participants/{x.Id}/notes", Ct)).ReadAsync<Page<DayNoteDto>>()).Items);

        // The auditor and the municipal administrator of the same municipality see the partnership, not its people.
        foreach (var email in new[] { Demo.Auditor, Demo.MunicipalAdmin, Demo.CommitteeMember, Demo.SystemAdmin })
        {
            var api = await App.ApiAsync(email);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/partnerships/{id}", Ct)).StatusCode);
            var list = await (await api.GetAsync($"/api/v1/partnerships/{id}/participants", Ct)).ReadAsync<Page<ParticipantDto>>();
            Assert.True(list.Total == 0 && list.Items.Count == 0, email);
            foreach (var url in new[] { $"participants/{x.Id}/notes", $"participants/{x.Id}/export" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/partnerships/{id}/{url}", Ct)).StatusCode);
            }

            var page = await (await App.SignInAsync(email)).GetAsync($"/partnerskap/{id}/deltagare", Ct);
            var html = await page.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain("Elin", html, StringComparison.Ordinal);
            Assert.Contains("ser därför inga uppgifter om deltagare", html, StringComparison.Ordinal);
        }

        // Another municipality's official and another organisation's representative do not find the partnership at all.
        foreach (var email in new[] { Demo.OtherMunicipalityOfficial, Demo.OrganisationRep })
        {
            var api = await App.ApiAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/partnerships/{id}/participants", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/partnerships/{id}/participants/{x.Id}/export", Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Browser().GetAsync($"/api/v1/partnerships/{id}/participants", Ct)).StatusCode);

        // An auditor cannot write a day note either, even knowing the ids, and nothing is stored.
        var refused = await (await App.ApiAsync(Demo.Auditor)).PostAsJsonAsync($"/api/v1/partnerships/{id}/participants/{x.Id}/notes", new { date = Swedish.Date(Swedish.Today(App.Clock)), text = "Revisorns anteckning" }, Ct);
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, refused.StatusCode.ToString());
        Assert.Equal(1, await App.WithDbAsync(db => db.DayNotes.CountAsync(Ct)));

        // The audit log records who did what, never the content: auditors read it.
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Participant) || a.EntityType == nameof(DayNote)).Select(a => a.Changes).ToListAsync(Ct));
        Assert.True(audit.Count >= 3);
        Assert.DoesNotContain(audit, c => c.Contains("Elin", StringComparison.Ordinal) || c.Contains("värmer", StringComparison.Ordinal));

        // The record of processing counts the participant for every staff member, without naming her.
        var record = await (await App.SignInAsync(Demo.Auditor)).GetAsync($"/kommuner/{await App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == "stenungsund").Select(m => m.Id).SingleAsync(Ct))}/personuppgifter", Ct);
        var text = await record.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Daganteckningar raderas automatiskt 12 månader", text, StringComparison.Ordinal);
        Assert.Matches(@"data-label=""Deltagare"" class=""num"">1<", text);
        Assert.DoesNotContain("Elin", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_team_or_the_municipal_administrator_changes_who_works_in_the_partnership()
    {
        var official = await App.ApiAsync(Demo.Official);
        var admin = await App.ApiAsync(Demo.MunicipalAdmin);
        var (id, _) = await ReferAsync(official);
        async Task<Guid> UserAsync(string email) => await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        async Task<int> SeenByAsync(HttpClient api) => (await (await api.GetAsync($"/api/v1/partnerships/{id}/participants", Ct)).ReadAsync<Page<ParticipantDto>>()).Total;

        // The municipal administrator is not on the team, so she sees no one, but she may staff it.
        Assert.Equal(0, await SeenByAsync(admin));
        var team = await (await admin.GetAsync($"/api/v1/partnerships/{id}/team", Ct)).ReadAsync<List<TeamMemberDto>>();
        Assert.Equal(["Henrik Handläggare", "Ingrid Idrottsson"], team.Select(t => t.Name).Order().ToList());
        var henrik = team.Single(t => t.Name == "Henrik Handläggare");

        // Possible, but visible: off the team herself, she must say why; the team is told in the app, and the history keeps it.
        var unexplained = await admin.DeleteAsync($"/api/v1/partnerships/{id}/team/{henrik.Id}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.True((await unexplained.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
        const string why = "Henrik är föräldraledig från 1 december; Karin tar över tills vidare.";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/partnerships/{id}/team/{henrik.Id}?reason={Uri.EscapeDataString(why)}", Ct)).StatusCode);
        foreach (var member in new[] { Demo.Official, ClubRep })
        {
            var inbox = await (await (await App.ApiAsync(member)).GetAsync("/api/v1/me/notifications", Ct)).ReadAsync<Page<Samverka.Web.Features.Notifications.NotificationDto>>();
            var told = Assert.Single(inbox.Items, n => n.Kind == Samverka.Domain.Deadlines.ReminderKind.TeamChange);
            Assert.StartsWith("Karin Kommunadmin tog bort Henrik Handläggare (Stenungsunds kommun) ur teamet", told.Title, StringComparison.Ordinal);
            Assert.Contains(why, told.Text, StringComparison.Ordinal);
        }

        var history = await (await official.GetAsync($"/api/v1/partnerships/{id}/team/history", Ct)).ReadAsync<List<TeamChangeDto>>();
        Assert.Equal(("Henrik Handläggare", false, why, "Karin Kommunadmin"), (history[0].Member, history[0].Joined, history[0].Reason, history[0].By));

        // Off the team, the official sees no participant and cannot put himself back.
        Assert.Equal(0, await SeenByAsync(official));
        var refused = await official.PostAsJsonAsync($"/api/v1/partnerships/{id}/team", new { userId = await UserAsync(Demo.Official) }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ApiAsync(Demo.CommitteeMember)).PostAsJsonAsync($"/api/v1/partnerships/{id}/team", new { userId = await UserAsync(Demo.CommitteeMember) }, Ct)).StatusCode);

        // Only officials of the municipality and representatives of the partner organisation can join.
        var stranger = await admin.PostAsJsonAsync($"/api/v1/partnerships/{id}/team", new { userId = await UserAsync(Demo.OrganisationRep) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("företrädare för organisationen", System.Text.RegularExpressions.Regex.Unescape(await stranger.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var added = await PostAsync<TeamMemberDto>(admin, $"/api/v1/partnerships/{id}/team", new { userId = await UserAsync(Demo.Official), reason = "Henrik är tillbaka." });
        Assert.Equal(("Henrik Handläggare", "Stenungsunds kommun"), (added.Name, added.Side));
        Assert.Equal(1, await SeenByAsync(official));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/v1/partnerships/{id}/team", new { userId = await UserAsync(Demo.Official) }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_retention_job_deletes_exactly_the_expired_day_notes_and_logs_only_counts()
    {
        var official = await App.ApiAsync(Demo.Official);
        var (id, x) = await ReferAsync(official);
        var today = Swedish.Today(App.Clock);
        await PostAsync<DayNoteDto>(official, $"/api/v1/partnerships/{id}/participants/{x.Id}/notes", new { date = Swedish.Date(today), text = "Första kvällen som hjälpledare." });
        App.Clock.Advance(TimeSpan.FromDays(1));
        official = await App.ApiAsync(Demo.Official); // a fresh key on the next day
        await PostAsync<DayNoteDto>(official, $"/api/v1/partnerships/{id}/participants/{x.Id}/notes", new { date = Swedish.Date(today.AddDays(1)), text = "Andra kvällen." });

        // A week before, the team is told when the oldest note goes: dates and counts, never the notes.
        var deleted = today.AddMonths(12).AddDays(1);
        App.Clock.Set(new DateTimeOffset(deleted.AddDays(-7).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Samverka.Web.Features.Notifications.ReminderPass>().RunAsync(null, Ct);
            await scope.ServiceProvider.GetRequiredService<Samverka.Web.Features.Notifications.MailSender>().SendPendingAsync(Ct);
        }

        var told = Assert.Single(App.Smtp.Messages, m => m.Subject?.StartsWith("Gallring av daganteckningar i", StringComparison.Ordinal) == true);
        Assert.Equal(Demo.Official, told.To.Mailboxes.Single().Address);
        Assert.EndsWith($"– senast {Swedish.Date(deleted)}", told.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("kvällen", told.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, told.TextBody, StringComparison.Ordinal);

        // Twelve months after the first note it is still kept; the day after, it goes, and only it.
        App.Clock.Set(new DateTimeOffset(today.AddMonths(12).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        Assert.Equal(0, (await RunRetentionAsync()).Single(r => r.Municipality == "Stenungsunds kommun").Deleted);
        App.Clock.Advance(TimeSpan.FromDays(1));
        var results = await RunRetentionAsync();
        Assert.Equal(1, results.Single(r => r.Municipality == "Stenungsunds kommun").Deleted);
        Assert.All(results.Where(r => r.Municipality != "Stenungsunds kommun"), r => Assert.Equal(0, r.Deleted));
        var left = await App.WithDbAsync(db => db.DayNotes.Select(n => n.Text).ToListAsync(Ct));
        Assert.Equal("Andra kvällen.", Assert.Single(left));

        var log = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(DayNote) && a.ActorName == "Gallring").Select(a => a.Changes).SingleAsync(Ct));
        Assert.Contains("\"DeletedDayNotes\":{\"before\":1}", log, StringComparison.Ordinal);
        Assert.DoesNotContain("kvällen", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawn_consent_erases_the_person_and_the_export_gives_everything_kept_about_her()
    {
        var club = await App.ApiAsync(ClubRep);
        var (id, x) = await ReferAsync(await App.ApiAsync(Demo.Official));
        var today = Swedish.Today(App.Clock);
        x = await PostAsync<ParticipantDto>(club, $"/api/v1/partnerships/{id}/participants/{x.Id}/placements", new
        {
            version = x.Version, workplace = "Hjälpledare, fredagsträningen", supervisor = "Johan Ek", start = Swedish.Date(today),
        });
        await PostAsync<DayNoteDto>(club, $"/api/v1/partnerships/{id}/participants/{x.Id}/notes", new { date = Swedish.Date(today), text = "Tog ansvar för uppvärmningen." });

        // A second, overlapping placement and a participant outside the target group (12–19) are refused.
        var overlap = await club.PostAsJsonAsync($"/api/v1/partnerships/{id}/participants/{x.Id}/placements", new { workplace = "Kiosken", supervisor = "Ingrid", start = Swedish.Date(today) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        var meeting = (await (await club.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>()).Coordination[0].Id;
        var tooOld = await club.PostAsJsonAsync($"/api/v1/partnerships/{id}/participants", new { name = "Vuxen Person", birthDate = Swedish.Date(today.AddYears(-30)), coordinationMeetingId = meeting }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooOld.StatusCode);
        Assert.Contains("målgruppen är 12–19 år", System.Text.RegularExpressions.Regex.Unescape(await tooOld.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);

        var export = await club.GetAsync($"/api/v1/partnerships/{id}/participants/{x.Id}/export", Ct);
        var json = System.Text.Json.JsonDocument.Parse(await export.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(Name, json.GetProperty("Namn").GetString());
        Assert.Equal("Tog ansvar för uppvärmningen.", json.GetProperty("Daganteckningar")[0].GetProperty("Text").GetString());
        Assert.Equal("Johan Ek", json.GetProperty("Praktik")[0].GetProperty("Handledare").GetString());
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == x.Id && a.Action == Samverka.Web.Infrastructure.Audit.AuditAction.Exported, Ct)));

        x = await PostAsync<ParticipantDto>(club, $"/api/v1/partnerships/{id}/participants/{x.Id}/consent/withdrawn", new { version = x.Version, withdrawnOn = Swedish.Date(today) });
        Assert.False(x.HasConsent);
        Assert.Null(x.BirthDate);
        Assert.DoesNotContain("Elin", x.Name, StringComparison.Ordinal);
        Assert.Equal(today, Assert.Single(x.Placements).End);
        Assert.Equal(0, await App.WithDbAsync(db => db.DayNotes.CountAsync(Ct)));
        var stored = await App.WithDbAsync(db => db.Participants.AsNoTracking().SingleAsync(p => p.Id == x.Id, Ct));
        Assert.DoesNotContain("Elin", stored.Name + string.Join(",", stored.Consents.Select(c => c.GivenBy)), StringComparison.Ordinal);
        var note = await club.PostAsJsonAsync($"/api/v1/partnerships/{id}/participants/{x.Id}/notes", new { date = Swedish.Date(today), text = "Efter återkallelsen." }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, note.StatusCode);
    }

    private async Task<IReadOnlyList<RetentionResult>> RunRetentionAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(Ct);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePersonalDataTests(SqliteApp app) : PersonalDataTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPersonalDataTests(PostgresApp app) : PersonalDataTests<PostgresApp>(app);
