// AuditSession, the one way in for the CLI and the browser: files told apart
// by their first bytes, fed in pieces of any size, merged, and every problem
// named with its file. The shared fixture is CQC's own API records (Open
// Government Licence v3.0, © Care Quality Commission).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "contract_audit_session.hpp"
#include "contract_cqc_api.hpp"

namespace cqc::test {
namespace {

using contract::AuditSession;
using contract::DataFileKind;
using contract::sniff_data_file;

const std::string kFixture = std::string(CQC_SHARED_DATA_DIR) + "/cqc-api-hospitals-2021/locations.json";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string problems_of(const AuditSession& session) {
  std::string out;
  for (const auto& problem : session.data().problems) out += problem.message + "\n";
  return out;
}

TEST(SniffDataFile, TellsTheKindsApartFromTheFirstBytes) {
  EXPECT_EQ(sniff_data_file("{\"locationId\":1}"), DataFileKind::CqcApiJson);
  EXPECT_EQ(sniff_data_file("\xEF\xBB\xBF\r\n  [ {"), DataFileKind::CqcApiJson);
  EXPECT_EQ(sniff_data_file("Location ID,Location Name"), DataFileKind::ExportSheet);
  EXPECT_EQ(sniff_data_file("\xEF\xBB\xBF\"Latest ratings\",,,"), DataFileKind::ExportSheet);
  EXPECT_EQ(sniff_data_file(std::string("PK\x03\x04\x14\x00", 6)), DataFileKind::Zip);
  // Too few bytes to tell: nothing, white space, a BOM, the start of a zip.
  EXPECT_EQ(sniff_data_file(""), DataFileKind::Unknown);
  EXPECT_EQ(sniff_data_file(" \r\n\t"), DataFileKind::Unknown);
  EXPECT_EQ(sniff_data_file("\xEF\xBB\xBF"), DataFileKind::Unknown);
  EXPECT_EQ(sniff_data_file("PK"), DataFileKind::Unknown);
  EXPECT_EQ(sniff_data_file("PX"), DataFileKind::ExportSheet);
}

// The fixture fed whole and fed in pieces of every awkward size gives the same
// locations as the API reader by itself.
TEST(AuditSession, ReadsApiRecordsFedInPiecesOfAnySize) {
  const std::string text = read_file(kFixture);
  ASSERT_FALSE(text.empty()) << "the shared fixture is missing: " << kFixture;
  const contract::ReadLocations direct = contract::read_cqc_api_locations(text);
  for (std::size_t piece : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{4096}, text.size()}) {
    AuditSession session;
    session.begin_file("locations.json");
    for (std::size_t at = 0; at < text.size(); at += piece) session.feed(std::string_view(text).substr(at, piece));
    session.end_file();
    EXPECT_EQ(session.bytes_read(), text.size());
    EXPECT_TRUE(session.data().problems.empty()) << problems_of(session);
    ASSERT_EQ(session.data().locations.size(), direct.locations.size()) << "piece " << piece;
    for (std::size_t i = 0; i < direct.locations.size(); ++i) {
      EXPECT_EQ(session.data().locations[i].location_id, direct.locations[i].location_id);
      EXPECT_EQ(session.data().locations[i].services.size(), direct.locations[i].services.size());
    }
  }
}

TEST(AuditSession, TheSameLocationInTwoFilesIsOneLocation) {
  const std::string text = read_file(kFixture);
  AuditSession session;
  for (const char* name : {"a.json", "b.json"}) {
    session.begin_file(name);
    session.feed(text);
    session.end_file();
  }
  EXPECT_EQ(session.data().locations.size(), 36u);
  EXPECT_EQ(session.bytes_read(), 2 * text.size());
}

TEST(AuditSession, FinishClosesAnOpenFileAndAudits) {
  AuditSession session;
  session.begin_file("one.json");
  session.feed(R"({"locationId":"A1","currentRatings":{"overall":{"rating":"Good","keyQuestionRatings":[)"
               R"({"name":"Safe","rating":"Good"},{"name":"Caring","rating":"Good"}]}}})");
  const contract::Agreement agreement = session.finish();  // no end_file: finish closes it
  ASSERT_EQ(session.data().locations.size(), 1u);
  ASSERT_FALSE(agreement.rows.empty());
  EXPECT_EQ(agreement.rows.back().location_id, "A1");
  EXPECT_EQ(agreement.rows.back().outcome, contract::AuditOutcome::Follows);
}

TEST(AuditSession, ProblemsNameTheirFile) {
  AuditSession session;
  session.begin_file("broken.jsonl");
  session.feed("{\"locationId\":\"A1\"}\n{\"locationId\":\n");
  session.end_file();
  ASSERT_EQ(session.data().problems.size(), 1u) << problems_of(session);
  EXPECT_EQ(session.data().problems[0].source, "broken.jsonl");
  EXPECT_EQ(session.data().problems[0].message.rfind("broken.jsonl: line 2", 0), 0u)
      << session.data().problems[0].message;
}

TEST(AuditSession, AnEmptyFileIsSaidToBeEmpty) {
  AuditSession session;
  session.begin_file("empty.csv");
  session.feed("\xEF\xBB\xBF \r\n");
  session.end_file();
  ASSERT_EQ(session.data().problems.size(), 1u);
  EXPECT_NE(session.data().problems[0].message.find("empty.csv: the file is empty"), std::string::npos)
      << session.data().problems[0].message;
}

TEST(AuditSession, AZipIsRefusedWithWhatToDo) {
  AuditSession session;
  session.begin_file("latest.ods");
  session.feed("PK");
  session.feed(std::string("\x03\x04rest of a zip", 16));
  session.end_file();
  ASSERT_EQ(session.data().problems.size(), 1u);
  EXPECT_NE(session.data().problems[0].message.find("is a zip file (an .ods spreadsheet?)"), std::string::npos)
      << session.data().problems[0].message;
  EXPECT_TRUE(session.data().locations.empty());
}

// JSON is kept whole until its end, so it has a limit; what is over it is
// refused with the limit named, and nothing of it is kept.
TEST(AuditSession, JsonOverTheLimitIsRefused) {
  AuditSession session;
  session.begin_file("huge.json");
  const std::string piece(1024 * 1024, ' ');
  session.feed("[");
  for (std::size_t fed = 0; fed <= contract::kMaxDataFileBytes; fed += piece.size()) session.feed(piece);
  session.feed("]");
  session.end_file();
  ASSERT_EQ(session.data().problems.size(), 1u) << problems_of(session);
  EXPECT_NE(session.data().problems[0].message.find("more than 64 MiB of JSON"), std::string::npos)
      << session.data().problems[0].message;
}

}  // namespace
}  // namespace cqc::test
