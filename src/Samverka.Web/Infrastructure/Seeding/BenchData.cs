using Samverka.Domain.Guidelines;
using Samverka.Domain.Cases;
using Samverka.Domain.Agreements;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Infrastructure.Seeding;

/// <summary>
/// Load-test data at a scale factor of the national picture: 1.0 = 290 municipalities with four
/// committees each and 20 000 organisations. Also creates one official in the first
/// municipality and prints a personal access token for it (last line of output).
/// </summary>
public sealed class BenchData(SamverkaDbContext db, UserManager<ApplicationUser> users, PersonalAccessTokenService tokens, TimeProvider clock)
{
    public const int NationalMunicipalities = 290;
    public const int NationalOrganisations = 20_000;
    private static readonly string[] CommitteeNames = ["Kommunstyrelsen", "Socialnämnden", "Utbildningsnämnden", "Kultur- och fritidsnämnden"];
    private static readonly string[] Words = ["Idrottsförening", "Folketshusförening", "Hembygdsförening", "Scoutkår", "Kulturförening", "Röda Korskrets", "Pensionärsförening", "Ungdomsförening"];
    private static readonly string[] Places = ["Norra", "Södra", "Östra", "Västra", "Övre", "Nedre", "Gamla", "Nya"];

    public async Task SeedAsync(double scale, TextWriter output, CancellationToken ct)
    {
        var municipalityCount = Math.Max(1, (int)Math.Round(NationalMunicipalities * scale));
        var organisationCount = Math.Max(1, (int)Math.Round(NationalOrganisations * scale));
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var existing = await db.Municipalities.CountAsync(m => m.Slug.StartsWith("bench-"), ct);
        for (var i = existing; i < municipalityCount; i++)
        {
            var m = new Municipality($"Benchkommun {i + 1}", "212000-0000", $"bench-{i + 1}");
            db.Municipalities.Add(m);
            for (var c = 0; c < CommitteeNames.Length; c++)
            {
                db.Committees.Add(new Committee(m.Id, CommitteeNames[c], c == 0));
            }

            if (i % 50 == 49)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var haveOrganisations = await db.Organisations.CountAsync(o => o.OrgNumber.StartsWith("892"), ct);
        for (var i = haveOrganisations; i < organisationCount; i++)
        {
            var nine = (892000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var number = OrgNumber.Parse(nine + OrgNumber.LuhnCheckDigit(nine));
            var name = $"{Places[i % Places.Length]} {Words[i / Places.Length % Words.Length]} {i + 1}";
            var o = new Organisation(number, name, LegalForm.NonProfitAssociation);
            o.Update(name, LegalForm.NonProfitAssociation, $"Föreningsgatan {i % 90 + 1}", "12345", "Benchstad", null, null, i % 500);
            db.Organisations.Add(o);
            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Fresh statistics after a bulk load, as an operator would after an import (autovacuum would, later).
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);

        var first = await db.Municipalities.Where(m => m.Slug == "bench-1").Select(m => m.Id).FirstAsync(ct);
        const string email = "bench@samverka.example";
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Bench Handläggare",
                Role = Role.Official, MunicipalityId = first, CreatedAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, "bench-" + Guid.NewGuid().ToString("N"));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }

        await output.WriteLineAsync($"Bench data: {municipalityCount} municipalities, {organisationCount} organisations.");
        await output.WriteLineAsync($"Agreement {await AgreementAsync(first, ct)}");
        var (_, secret) = await tokens.CreateAsync(user.Id, "bench " + clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), 1, ct);
        await output.WriteLineAsync(secret);
    }

    /// <summary>
    /// Renders one agreement's documents in process, <paramref name="times"/> times each after a
    /// warm-up, and prints the mean milliseconds with the ratio to serialising the same agreement
    /// as JSON (the baseline: what the API does for it anyway).
    /// </summary>
    public async Task RenderAsync(Guid agreementId, int times, TextWriter output, CancellationToken ct)
    {
        var a = await db.Agreements.IgnoreQueryFilters().AsNoTracking().FirstAsync(x => x.Id == agreementId, ct);
        var municipality = await db.Municipalities.IgnoreQueryFilters().Where(m => m.Id == a.MunicipalityId).Select(m => m.Name).FirstAsync(ct);
        var dto = Features.Agreements.AgreementService.ToDto(a, municipality, new(false, false));
        var targets = new (string Name, Func<int> Render)[]
        {
            ("agreement as JSON (baseline)", () => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(dto).Length),
            ("agreement PDF/A-2b", () => Documents.AgreementPdf.Render(dto).Length),
            ("agreement Word (.docx)", () => Documents.AgreementDocx.Render(dto).Length),
        };
        await output.WriteLineAsync($"{"render, in process",-38} {"ms",10} {"bytes",10} {"ratio",8}");
        double? baseline = null;
        foreach (var (name, render) in targets)
        {
            render();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var size = 0;
            for (var i = 0; i < times; i++)
            {
                size = render();
            }

            var ms = watch.Elapsed.TotalMilliseconds / times;
            baseline ??= ms;
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name,-38} {ms,10:F2} {size,10} {ms / baseline.Value,8:F1}"));
        }
    }

    /// <summary>One agreement in the first municipality with the Söråker agreement's content and budget, for rendering its documents.</summary>
    private async Task<Guid> AgreementAsync(Guid municipalityId, CancellationToken ct)
    {
        if (await db.Agreements.IgnoreQueryFilters().Where(a => a.MunicipalityId == municipalityId).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) is { } existing)
        {
            return existing;
        }

        var organisation = await db.Organisations.IgnoreQueryFilters().Where(o => o.OrgNumber.StartsWith("892")).OrderBy(o => o.OrgNumber).FirstAsync(ct);
        var municipality = await db.Municipalities.IgnoreQueryFilters().FirstAsync(m => m.Id == municipalityId, ct);
        var guideline = Guideline.First(municipalityId, "Riktlinjer för IOP (bench)", new DateOnly(2025, 1, 1), null, SorakerAgreement.TimraRules);
        var c = Case.Open(guideline, organisation.Id, organisation.LegalForm, new Initiative("Arbetsträning för unga", "Unga skolas in i föreningens verksamhet.",
            "Ungdomar 14–25 år", null, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), 530_000m), "bench", clock.GetUtcNow());
        var a = Agreement.Draft(c.Id, municipalityId, [municipalityId], [organisation.Id], guideline.Rules, $"Idéburet offentligt partnerskap mellan {municipality.Name} och {organisation.Name}",
            [new(municipalityId, PartyKind.Municipality, municipality.Name, null), new(organisation.Id, PartyKind.Organisation, organisation.Name, organisation.OrgNumber)],
            Agreement.SectionsFrom(guideline.Rules, SorakerAgreement.Texts), SorakerAgreement.Facts, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31), clock.GetUtcNow());
        foreach (var line in SorakerAgreement.Budget(municipalityId, organisation.Id))
        {
            a.SaveBudgetLine(line);
        }

        a.SetSteeringGroup([new(municipalityId, "Lars Backlund", null), new(organisation.Id, "Christina Thonman", null)]);
        a.SetSignatories([new(Guid.Empty, municipalityId, "Anna Andersson", "Kommunstyrelsens ordförande"), new(Guid.Empty, organisation.Id, "Christina Thonman", "Ordförande")]);
        db.Guidelines.Add(guideline);
        db.Cases.Add(c);
        db.Agreements.Add(a);
        db.AgreementVersions.Add(new AgreementVersion(a, "bench", clock.GetUtcNow(), null));
        await db.SaveChangesAsync(ct);
        return a.Id;
    }
}
