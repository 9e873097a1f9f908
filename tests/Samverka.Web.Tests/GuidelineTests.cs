using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Guidelines;
using Samverka.Web.Features.Guidelines;
using Samverka.Web.Tests.Infrastructure;

namespace Samverka.Web.Tests;

public abstract class GuidelineTests<TApp>(TApp app) : AppTests<TApp>(app) where TApp : SamverkaApp
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App.Clock.Set(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    }

    private Task<Guid> MunicipalityId(string slug) =>
        App.WithDbAsync(db => db.Municipalities.Where(m => m.Slug == slug).Select(m => m.Id).SingleAsync(Ct));

    [Fact]
    public async Task The_demo_municipalities_have_the_seed_guidelines_with_their_review_status()
    {
        var api = await App.ApiAsync(Demo.Official);
        var stenungsund = await (await api.GetAsync($"/api/v1/municipalities/{await MunicipalityId("stenungsund")}/guidelines/current", Ct)).ReadAsync<GuidelineDto>();
        Assert.Equal(9, stenungsund.Rules.Criteria.Count);
        Assert.Equal(8, stenungsund.Rules.RequiredDocuments.Count);
        Assert.Equal(5, stenungsund.Rules.MaxTermYears);
        Assert.Equal(ReviewStatus.Due, stenungsund.Review.Status);
        Assert.Equal(new DateOnly(2030, 10, 14), stenungsund.Review.DueBy);

        var other = await App.ApiAsync(Demo.OtherMunicipalityOfficial);
        var soderhamn = await (await other.GetAsync($"/api/v1/municipalities/{await MunicipalityId("soderhamn")}/guidelines/current", Ct)).ReadAsync<GuidelineDto>();
        Assert.Equal(8, soderhamn.Rules.Criteria.Count);
        Assert.Equal(DecidingBodyRule.CommitteeByRemit, soderhamn.Rules.DecidingBody);
        Assert.Equal(ReviewStatus.Overdue, soderhamn.Review.Status);

        var page = await (await App.SignInAsync(Demo.OtherMunicipalAdmin)).GetStringAsync("/", Ct);
        Assert.Contains("Översynen är försenad", page);
    }

    [Fact]
    public async Task A_new_version_leaves_the_old_one_as_it_was_and_records_the_review()
    {
        var admin = await App.SignInAsync(Demo.MunicipalAdmin);
        var id = await MunicipalityId("stenungsund");
        Assert.Contains("Ska ses över under mandatperioden 2026–2030", await admin.GetStringAsync("/", Ct));
        var v1 = await App.WithDbAsync(db => db.Guidelines.SingleAsync(g => g.MunicipalityId == id, Ct));

        var form = await admin.GetStringAsync($"/kommuner/{id}/riktlinjer/ny", Ct);
        Assert.Contains("Vision 2035", form);
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<textarea [^>]*name=\"(Input\\.[A-Za-z]+)\"[^>]*>\\s*([^<]*)</textarea>")
            .ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        var criteria = fields["Input.Criteria"].Split('\n').Take(8).Append("Verksamheten följer kommunens program för civilsamhället.");
        var response = await admin.PostFormFromAsync($"/kommuner/{id}/riktlinjer/ny", $"/kommuner/{id}/riktlinjer/ny",
            ("Input.Title", "Riktlinjer för IOP i Stenungsunds kommun"), ("Input.AdoptedOn", "2026-11-20"), ("Input.DecisionReference", "KF 2026-11-20 § 12"),
            ("Input.Criteria", string.Join("\n", criteria)), ("Input.RequiredDocuments", fields["Input.RequiredDocuments"]),
            ("Input.AgreementSections", fields["Input.AgreementSections"]), ("Input.VisionOrFocusAreas", "Vision 2035"),
            ("Input.MaxTermYears", "4"), ("Input.RenewalDialogueMonthsBefore", "9"), ("Input.RenewLatestMonthsBefore", "3"),
            ("Input.DecidingBody", "ExecutiveBoard"), ("Input.PaymentInterval", "Yearly"), ("Input.MinimumFollowUp", "Yearly"),
            ("Input.FollowUpGatesPayment", "true"), ("Input.LegalForms", "NonProfitAssociation"), ("Input.LegalForms", "Foundation"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetStringAsync(response.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Version 2 är antagen", page);
        Assert.Contains("4 år per överenskommelse", page);
        Assert.Contains("Översedda under innevarande mandatperiod", page);

        var versions = await App.WithDbAsync(db => db.Guidelines.Where(g => g.MunicipalityId == id).OrderBy(g => g.Number).ToListAsync(Ct));
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(v1.Rules.Criteria, versions[0].Rules.Criteria);
        Assert.Equal(v1.AdoptedOn, versions[0].AdoptedOn);
        Assert.Equal(5, versions[0].Rules.MaxTermYears);
        Assert.Equal(9, versions[1].Rules.Criteria.Count);
        Assert.Equal("Verksamheten följer kommunens program för civilsamhället.", versions[1].Rules.Criteria[^1]);
        Assert.Contains("version 1", (await admin.GetStringAsync($"/riktlinjer/{v1.Id}", Ct)).ToLowerInvariant());
        Assert.DoesNotContain("Riktlinjerna för IOP", await admin.GetStringAsync("/", Ct));
    }

    [Fact]
    public async Task A_refused_version_keeps_what_was_typed_and_stores_nothing()
    {
        var admin = await App.SignInAsync(Demo.MunicipalAdmin);
        var id = await MunicipalityId("stenungsund");
        var response = await admin.PostFormAsync($"/kommuner/{id}/riktlinjer/ny",
            ("Input.Title", "Riktlinjer för IOP, förslag från kansliet"), ("Input.AdoptedOn", "2026-11-20"), ("Input.Criteria", ""),
            ("Input.AgreementSections", "Parter\nUnderskrift"), ("Input.MaxTermYears", "5"), ("Input.DecidingBody", "ExecutiveBoard"),
            ("Input.PaymentInterval", "Yearly"), ("Input.MinimumFollowUp", "Yearly"), ("Input.LegalForms", "NonProfitAssociation"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"Input_Criteria-error\"", html);
        Assert.Contains("Ange minst ett kriterium", html);
        Assert.Contains("value=\"Riktlinjer för IOP, förslag från kansliet\"", html);

        var api = await App.ApiAsync(Demo.MunicipalAdmin);
        var future = await api.PostAsJsonAsync($"/api/v1/municipalities/{id}/guidelines",
            new { title = "Framtida riktlinjer", adoptedOn = "2027-01-01", rules = GuidelinePresets.Stenungsund }, Http.Json, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("framtiden", await future.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, await App.WithDbAsync(db => db.Guidelines.CountAsync(g => g.MunicipalityId == id, Ct)));
    }

    [Fact]
    public async Task A_municipality_without_guidelines_starts_from_a_preset_through_the_API()
    {
        var admin = await App.ApiAsync(Demo.SystemAdmin);
        var timra = (await (await admin.PostAsJsonAsync("/api/v1/municipalities", new { name = "Härnösands kommun", orgNumber = "212000-2445" }, Ct))
            .ReadAsync<Samverka.Web.Features.Municipalities.MunicipalityDto>()).Id;
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/municipalities/{timra}/guidelines/current", Ct)).StatusCode);
        var preset = await (await admin.GetAsync("/api/v1/guideline-presets/soderhamn", Ct)).ReadAsync<GuidelineRules>();
        var created = await (await admin.PostAsJsonAsync($"/api/v1/municipalities/{timra}/guidelines",
            new { title = "Riktlinjer för IOP i Härnösands kommun", adoptedOn = "2026-06-01", rules = preset with { MaxTermYears = 3 } }, Http.Json, Ct)).ReadAsync<GuidelineDto>();
        Assert.Equal(1, created.Number);
        Assert.Equal(3, created.Rules.MaxTermYears);
        Assert.Equal(ReviewStatus.Due, created.Review.Status); // adopted in 2022–2026, so due again in 2026–2030
        var history = await (await admin.GetAsync($"/api/v1/audit/Guideline/{created.Id}", Ct)).ReadAsync<Samverka.Web.Features.Api.Page<Samverka.Web.Features.Audit.AuditEntryDto>>();
        Assert.Equal(Samverka.Web.Infrastructure.Audit.AuditAction.Created, Assert.Single(history.Items).Action);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteGuidelineTests(SqliteApp app) : GuidelineTests<SqliteApp>(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresGuidelineTests(PostgresApp app) : GuidelineTests<PostgresApp>(app);
