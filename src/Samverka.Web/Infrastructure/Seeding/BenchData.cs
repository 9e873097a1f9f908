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
        var (_, secret) = await tokens.CreateAsync(user.Id, "bench " + clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture), 1, ct);
        await output.WriteLineAsync(secret);
    }
}
