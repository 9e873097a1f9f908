using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samverka.Domain.Formatting;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Api;
using Samverka.Web.Features.Partnerships;
using Samverka.Web.Infrastructure.Seeding;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

/// <summary>
/// A running partnership's records in their own tables (ADR 0012), on both databases: changes of
/// different records never collide, a stale change of the same record is refused, the audit entry
/// of an added record does not grow with the history, rules that span records hold under a race,
/// and a database of the previous release keeps every record through the upgrade.
/// </summary>
public abstract class PartnershipRecordTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    private const string Club = "kansli@stenungsundsif.example";

    private Task<Guid> DemoIdAsync(string title = DemoPartnerships.Title) =>
        App.WithDbAsync(db => db.Partnerships.Where(p => p.Title == title).Select(p => p.Id).SingleAsync(Ct));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient api, string url, object body) => await api.PostAsJsonAsync(url, body, Ct);

    private static async Task<PartnershipDto> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.ReadAsync<PartnershipDto>();
    }

    [Fact]
    public async Task Two_people_adding_different_records_from_the_same_read_are_both_saved_and_a_stale_change_of_one_record_is_refused()
    {
        var id = await DemoIdAsync();
        var url = $"/api/v1/partnerships/{id}";
        var henrik = await App.ApiAsync(Demo.Official);
        var ingrid = await App.ApiAsync(Club);
        var read = await (await henrik.GetAsync(url, Ct)).ReadAsync<PartnershipDto>(); // both work from this read
        var today = Swedish.Today(App.Clock);
        var members = read.SteeringGroup.GroupBy(m => m.PartyId).Select(g => g.First().Name).ToArray();

        await OkAsync(await PostAsync(ingrid, $"{url}/activities", new { version = read.Version, date = today, title = "Spontanidrott i hallen", figures = Array.Empty<object>() }));
        await OkAsync(await PostAsync(henrik, $"{url}/meetings", new { version = read.Version, date = today, kind = "Extra", present = members, minutes = "Extra möte om hallen." }));
        var after = await (await henrik.GetAsync(url, Ct)).ReadAsync<PartnershipDto>();
        Assert.Contains(after.Activities, a => a.Title == "Spontanidrott i hallen");
        Assert.Contains(after.Meetings, m => m.Minutes == "Extra möte om hallen.");
        Assert.Equal(read.Version, after.Version); // neither touched the partnership itself

        // The same record from a stale read: the quarterly follow-up saved by one, then by another from the earlier version.
        var quarter = after.Quarterly[0];
        var saved = await OkAsync(await PostAsync(henrik, $"{url}/quarterly", new { version = quarter.Version, year = quarter.Year, quarter = quarter.Quarter, completion = "Henriks komplettering." }));
        var stale = await PostAsync(await App.ApiAsync(Demo.MunicipalAdmin), $"{url}/quarterly", new { version = quarter.Version, year = quarter.Year, quarter = quarter.Quarter, completion = "Karins komplettering." });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Henrik Handläggare", problem);
        Assert.Contains("Henriks komplettering.", problem); // what the other person changed
        var now = await (await henrik.GetAsync(url, Ct)).ReadAsync<PartnershipDto>();
        Assert.Equal("Henriks komplettering.", now.Quarterly.Single(q => q.Year == quarter.Year && q.Quarter == quarter.Quarter).Completion);
        Assert.Equal(saved.Quarterly.Single(q => q.Year == quarter.Year && q.Quarter == quarter.Quarter).Version, now.Quarterly.Single(q => q.Year == quarter.Year && q.Quarter == quarter.Quarter).Version);

        // Changing an existing record without saying which version was read is refused, naming the field.
        var missing = await PostAsync(henrik, $"{url}/quarterly", new { year = quarter.Year, quarter = quarter.Quarter, completion = "Utan version." });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"version\"", await missing.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Each_kind_of_record_is_a_paged_list_of_its_own_for_those_who_see_the_partnership()
    {
        var id = await DemoIdAsync();
        var henrik = await App.ApiAsync(Demo.Official);
        var all = await (await henrik.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        var page = await (await henrik.GetAsync($"/api/v1/partnerships/{id}/meetings?pageSize=2&page=2", Ct)).ReadAsync<Page<SteeringMeeting>>();
        Assert.Equal(all.Meetings.Count, page.Total);
        Assert.Equal(all.Meetings.Skip(2).Take(2).Select(m => (m.Id, m.Version)), page.Items.Select(m => (m.Id, m.Version))); // newest first, with versions
        var activities = await (await henrik.GetAsync($"/api/v1/partnerships/{id}/activities?pageSize=100", Ct)).ReadAsync<Page<ActivityEntry>>();
        Assert.Equal(all.ActivityCount, activities.Total);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiAsync(Demo.OtherMunicipalityOfficial)).GetAsync($"/api/v1/partnerships/{id}/meetings", Ct)).StatusCode);
    }

    [Fact]
    public async Task Rules_that_read_part_of_a_kind_still_hold_a_night_is_walked_once_and_a_quarter_drafts_from_its_own_meetings()
    {
        var id = await DemoIdAsync(DemoPartnerships.NightWalkTitle);
        var orjan = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        var today = Swedish.Today(App.Clock);
        var night = new { date = today, area = "Köpmantorget", groups = new[] { new { association = "Scouterna i Söderhamn", walkers = 2 } }, allAdults = true };
        await OkAsync(await PostAsync(orjan, $"/api/v1/partnerships/{id}/night-walks", night));
        var again = await PostAsync(orjan, $"/api/v1/partnerships/{id}/night-walks", night);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("redan registrerad", await again.Content.ReadAsStringAsync(Ct));

        var stenungsund = await DemoIdAsync();
        var henrik = await App.ApiAsync(Demo.Official);
        var p = await (await henrik.GetAsync($"/api/v1/partnerships/{stenungsund}", Ct)).ReadAsync<PartnershipDto>();
        var q = p.Quarterly[0];
        var (from, to) = (new DateOnly(q.Year, (q.Quarter - 1) * 3 + 1, 1), new DateOnly(q.Year, (q.Quarter - 1) * 3 + 1, 1).AddMonths(3).AddDays(-1));
        var held = p.Meetings.Count(m => m.Date >= from && m.Date <= to);
        var saved = await OkAsync(await PostAsync(henrik, $"/api/v1/partnerships/{stenungsund}/quarterly", new { version = q.Version, year = q.Year, quarter = q.Quarter, completion = "Omsparad." }));
        Assert.Contains($"Styrgruppen har haft {held} möten", saved.Quarterly.Single(x => x.Year == q.Year && x.Quarter == q.Quarter).Draft);
        Assert.True(held < p.Meetings.Count); // the quarter's, not the whole history's
    }

    [Fact]
    public async Task The_audit_entry_of_an_added_activity_holds_that_activity_only_however_long_the_log()
    {
        var id = await DemoIdAsync();
        var url = $"/api/v1/partnerships/{id}/activities";
        var ingrid = await App.ApiAsync(Club);
        var today = Swedish.Today(App.Clock);
        async Task<int> AddAsync(int n)
        {
            await OkAsync(await PostAsync(ingrid, url, new { date = today, title = $"Aktivitet {n:000}", description = "Samma text varje gång.", figures = Array.Empty<object>() }));
            var entry = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ActivityEntry)).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).FirstAsync(Ct));
            Assert.Contains($"Aktivitet {n:000}", entry.Changes);
            return entry.Changes.Length;
        }

        var partnershipAudits = await PartnershipAuditsAsync(id);
        var first = await AddAsync(1);
        for (var n = 2; n < 40; n++)
        {
            await AddAsync(n);
        }

        var fortieth = await AddAsync(40);
        Assert.Equal(first, fortieth); // same fields, same size: nothing of the history is copied
        Assert.True(first < 600, $"{first} bytes");
        Assert.Equal(partnershipAudits, await PartnershipAuditsAsync(id)); // the partnership itself was not rewritten
    }

    private Task<int> PartnershipAuditsAsync(Guid id) =>
        App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Partnership) && a.EntityId == id, Ct));

    [Fact]
    public async Task Two_repayment_claims_filed_at_the_same_moment_never_exceed_together_what_was_paid()
    {
        var id = await DemoIdAsync();
        var url = $"/api/v1/partnerships/{id}";
        var henrik = await App.ApiAsync(Demo.Official);
        var karin = await App.ApiAsync(Demo.MunicipalAdmin);
        var p = await (await henrik.GetAsync(url, Ct)).ReadAsync<PartnershipDto>();
        Assert.True(p.PaidSoFar > 0);
        var share = decimal.Round(p.PaidSoFar * 0.6m, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var round = 0; round < 3; round++)
        {
            var responses = await Task.WhenAll(
                PostAsync(henrik, $"{url}/repayment-claims", new { amount = share, reason = "Misuse", explanation = $"Krav A{round}." }),
                PostAsync(karin, $"{url}/repayment-claims", new { amount = share, reason = "Misuse", explanation = $"Krav B{round}." }));
            Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        }

        var claims = (await (await henrik.GetAsync(url, Ct)).ReadAsync<PartnershipDto>()).Claims;
        Assert.Single(claims); // 60 % fits once; every other claim was refused under the lock
        Assert.True(claims.Sum(c => c.Amount) <= p.PaidSoFar);
    }

    [Fact]
    public async Task The_start_page_lists_what_is_due_a_page_at_a_time_from_the_stored_obligations()
    {
        var henrik = await App.ApiAsync(Demo.Official);
        var all = await (await henrik.GetAsync("/api/v1/partnerships/due?pageSize=100", Ct)).ReadAsync<Page<PartnershipService.DueDto>>();
        Assert.NotEmpty(all.Items);
        Assert.Equal(all.Total, all.Items.Count);
        Assert.Equal(all.Items.OrderBy(d => d.By).Select(d => d.By), all.Items.Select(d => d.By)); // late first, then by date
        var first = await (await henrik.GetAsync("/api/v1/partnerships/due?pageSize=1", Ct)).ReadAsync<Page<PartnershipService.DueDto>>();
        Assert.Equal((1, all.Total), (first.Items.Count, first.Total));

        // The rows follow the records in the same transaction: a payment marked paid leaves the list.
        var id = await DemoIdAsync();
        var p = await (await henrik.GetAsync($"/api/v1/partnerships/{id}", Ct)).ReadAsync<PartnershipDto>();
        var stored = await App.WithDbAsync(db => db.Obligations.Where(o => o.PartnershipId == id).Select(o => o.Key).ToListAsync(Ct));
        var unpaid = p.Payments.Where(x => x.PaidOn is null && !x.Cancelled).Select(x => $"payment:{x.Id}").ToList();
        Assert.All(unpaid, key => Assert.Contains(key, stored));
        Assert.DoesNotContain(p.Payments.Where(x => x.PaidOn is not null).Select(x => $"payment:{x.Id}"), stored.Contains);
    }

    /// <summary>
    /// Rebuilds the shape of the previous release in the live test database (the records as JSON
    /// columns of the partnership, no record tables, the migration not applied), migrates, and
    /// compares what the API answers before and after.
    /// </summary>
    [Fact]
    public async Task A_database_of_the_previous_release_keeps_every_record_through_the_upgrade()
    {
        var henrik = await App.ApiAsync(Demo.Official);
        var orjan = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        var ids = new[] { (await DemoIdAsync(), henrik), (await DemoIdAsync(DemoPartnerships.NightWalkTitle), orjan) };

        // Every kind of record the demo data lacks, so that each kind crosses the upgrade.
        var url = $"/api/v1/partnerships/{ids[0].Item1}";
        var p = await (await henrik.GetAsync(url, Ct)).ReadAsync<PartnershipDto>();
        var today = Swedish.Today(App.Clock);
        var line = p.Lines.First(l => l.Year == today.Year);
        await OkAsync(await PostAsync(henrik, $"{url}/coordination", new { date = today, referringUnit = "Socialtjänsten", participants = "Handläggare, föreningen", outcome = "Ingen placering ännu." }));
        await OkAsync(await PostAsync(henrik, $"{url}/usage", new { from = new DateOnly(today.Year, today.Month, 1), to = today, lines = new[] { new { lineId = line.Id, used = "1 250 kr" } } }));
        await OkAsync(await PostAsync(henrik, $"{url}/reviews", new { date = today, participants = "Handläggare, ungdomen, handledaren", activities = "Träning i hallen." }));
        await OkAsync(await PostAsync(henrik, $"{url}/repayment-claims", new { amount = "2 500", reason = "ChangedActivity", explanation = "En aktivitet ställdes in." }));
        await OkAsync(await PostAsync(henrik, $"{url}/surplus", new { year = today.Year, amount = "3 000", purpose = "Samma ändamål nästa år." }));
        async Task<string> ReadAsync()
        {
            var read = new List<string>();
            foreach (var (id, client) in ids)
            {
                read.Add(Comparable(await client.GetStringAsync($"/api/v1/partnerships/{id}", Ct)));
            }

            read.Add(Comparable(await henrik.GetStringAsync("/api/v1/partnerships/due?pageSize=100", Ct)));
            read.Add(await henrik.GetStringAsync("/api/v1/partnerships", Ct));
            return string.Join("\n", read);
        }


        var before = await ReadAsync();

        await App.WithDbAsync(async db =>
        {
            var sqlite = db.Database.IsSqlite();
            foreach (var column in Columns.Keys)
            {
                var add = "ALTER TABLE \"Partnerships\" ADD COLUMN \"" + column + "\" TEXT NOT NULL DEFAULT '[]'";
                await db.Database.ExecuteSqlRawAsync(add, Ct);
            }

            foreach (var p in await db.Partnerships.IgnoreQueryFilters().Select(p => p.Id).ToListAsync(Ct))
            {
                var full = await db.FindPartnershipAsync(p, RecordKinds.All, Ct, tracking: false);
                foreach (var (column, records) in Columns)
                {
                    var json = JsonSerializer.Serialize(records(full!).ToList(), JsonColumns.Options);
                    var update = "UPDATE \"Partnerships\" SET \"" + column + "\" = {0} WHERE \"Id\" = {1}";
                    await db.Database.ExecuteSqlRawAsync(update, [json, sqlite ? p.ToString().ToUpperInvariant() : p], Ct);
                }
            }

            foreach (var table in new[] { "SteeringMeetings", "Payments", "YearlyFollowUps", "QuarterlyReports", "CoordinationMeetings", "TripartiteReviews", "UsageReports", "RepaymentClaims", "Surpluses", "Activities", "NightWalks", "Obligations", "PartnershipParties" })
            {
                var drop = "DROP TABLE \"" + table + "\"";
                await db.Database.ExecuteSqlRawAsync(drop, Ct);
            }

            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Partnerships\" DROP COLUMN \"ObligationsBuilt\"", Ct);
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_AuditEntries_ParentId_At\"", Ct);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DROP COLUMN \"ParentId\"", Ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_PartnershipRecords'", Ct);
            // Later migrations that change the partnerships' table are of a later release too.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Partnerships\" DROP COLUMN \"ExtensionDecidedIn\"", Ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_ExtensionAndReviews'", Ct);
        });

        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Auth.CurrentUserAccessor>().ActAs(Samverka.Web.Infrastructure.Auth.CurrentUser.System);
            await scope.ServiceProvider.GetRequiredService<Samverka.Web.Infrastructure.Web.DatabaseStartup>().MigrateAsync(Ct);
        }

        Assert.Equal(before, await ReadAsync());
    }

    /// <summary>The previous release's JSON columns and what each held.</summary>
    private static readonly Dictionary<string, Func<Partnership, IEnumerable<object>>> Columns = new()
    {
        ["Meetings"] = p => p.Meetings, ["Payments"] = p => p.Payments, ["FollowUps"] = p => p.FollowUps, ["Quarterly"] = p => p.Quarterly,
        ["Coordination"] = p => p.Coordination, ["Reviews"] = p => p.Reviews, ["Usage"] = p => p.Usage, ["Claims"] = p => p.Claims,
        ["Surpluses"] = p => p.Surpluses, ["Activities"] = p => p.Activities, ["NightWalks"] = p => p.NightWalks,
    };

    /// <summary>The answer without what the upgrade gives anew: each record's version, and the ids of the kinds that had none.</summary>
    private static string Comparable(string json)
    {
        var node = JsonNode.Parse(json)!;
        void Strip(JsonNode? n, bool idless)
        {
            switch (n)
            {
                case JsonObject o:
                    o.Remove("version");
                    if (idless)
                    {
                        o.Remove("id");
                    }

                    foreach (var (key, child) in o.ToList())
                    {
                        Strip(child, key is "followUps" or "quarterly" or "surpluses");
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Strip(child, idless);
                    }

                    break;
            }
        }

        Strip(node, false);
        return node.ToJsonString();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePartnershipRecordTests(SqliteApp app) : PartnershipRecordTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPartnershipRecordTests(PostgresApp app) : PartnershipRecordTests<PostgresApp>(app);
