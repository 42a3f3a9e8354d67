// The contract's zip records (core/contract/contract_zip.cpp) alone: the ranges OdsZip
// asks for, one at a time, answered from zips written here (entries stored,
// or marked deflated with bytes nobody inflates), and the messages for each
// container it cannot read; ZipEntryCheck and the CRC-32.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "contract_zip.hpp"
#include "ods_test_support.hpp"

namespace cqc::test {
namespace {

using contract::OdsZip;

using ods::Part;
using ods::put32;

// A zip of `parts`, each written as it is (the method only recorded: nothing
// is inflated here), with a local extra field the central records do not
// have; `comment` after the end record.
std::string zip(const std::vector<Part>& parts, const std::string& comment = "", std::uint32_t size_of_all = 0) {
  ods::ZipOptions options;
  options.body = [](const Part& part) { return part.data; };
  options.crc = [](std::string_view data) { return contract::crc32(0, data); };
  options.comment = comment;
  options.size_of_all = size_of_all;
  options.local_extra = "xyz";
  return ods::zip(parts, options);
}

// Answers every Bytes request from `file` (and an Inflated one with the stored bytes,
// or skip() when `inflate_fails`); the ranges asked for are recorded.
OdsZip locate(const std::string& file, std::vector<contract::ZipRange>* asked = nullptr, bool inflate_fails = false) {
  OdsZip z(file.size());
  for (int steps = 0; steps < 10; ++steps) {
    if (z.want() == OdsZip::Want::Bytes || z.want() == OdsZip::Want::Inflated) {
      if (asked) asked->push_back(z.range());
      EXPECT_LE(z.range().offset + z.range().length, file.size());
      if (z.want() == OdsZip::Want::Inflated && inflate_fails) z.skip();
      else z.give(std::string_view(file).substr(z.range().offset, z.range().length));
    } else {
      return z;
    }
  }
  ADD_FAILURE() << "more than 10 steps";
  return z;
}

TEST(ZipRecords, FindsContentXmlFromTheEndInFourReads) {
  const std::string xml = "<office:document-content/>";
  const std::string file = zip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                {"META-INF/manifest.xml", "<manifest:manifest/>"},
                                {"content.xml", xml}},
                               "a zip comment");
  std::vector<contract::ZipRange> asked;
  const OdsZip z = locate(file, &asked);
  ASSERT_EQ(z.want(), OdsZip::Want::Content) << z.error();
  EXPECT_EQ(file.substr(z.range().offset, z.range().length), xml);
  EXPECT_EQ(z.entry().name, "content.xml");
  EXPECT_EQ(z.entry().method, 8);
  EXPECT_EQ(z.entry().size, xml.size());
  EXPECT_EQ(z.entry().crc, contract::crc32(0, xml));
  ASSERT_EQ(asked.size(), 5u);  // the tail, the central directory, the manifest's header and bytes, content's header
  EXPECT_EQ(asked[0].offset + asked[0].length, file.size());
  EXPECT_EQ(asked[4].length, 30u);
  // Without a readable manifest it goes on to content.xml all the same.
  EXPECT_EQ(locate(file, nullptr, true).want(), OdsZip::Want::Content);
}

TEST(ZipRecords, TheContainersMessages) {
  EXPECT_EQ(OdsZip(0).error(), "the file is empty: it is not an .ods spreadsheet");
  EXPECT_EQ(locate("Location ID,Domain\r\n").error(),
            "the file is not an .ods spreadsheet (it is not a zip file): give CQC's Latest ratings .ods, or its "
            "Locations and Providers sheets saved as CSV");
  const std::string cut_short =
      "the .ods file is cut short: the end of the zip (its central directory) is missing; was the download "
      "interrupted?";
  const std::string whole = zip({{"content.xml", "<x/>"}});
  EXPECT_EQ(locate(whole.substr(0, whole.size() - 1)).error(), cut_short);
  // Longer than the tail the end record is looked for in: its first bytes are asked for apart.
  const std::string big = zip({{"content.xml", std::string(100000, 'x')}});
  std::vector<contract::ZipRange> asked;
  EXPECT_EQ(locate(big.substr(0, 90000), &asked).error(), cut_short);
  ASSERT_EQ(asked.size(), 2u);
  EXPECT_EQ(asked[1].offset, 0u);
  EXPECT_EQ(asked[1].length, 4u);
  EXPECT_EQ(locate(std::string(90000, 'x')).error(),
            "the file is not an .ods spreadsheet (it is not a zip file): give CQC's Latest ratings .ods, or its "
            "Locations and Providers sheets saved as CSV");

  EXPECT_EQ(locate(zip({{"mimetype", "x"}})).error(),
            "the zip holds no content.xml, so it is not an OpenDocument spreadsheet (.ods)");
  EXPECT_EQ(locate(zip({{"xl/workbook.xml", "<workbook/>"}})).error(),
            "the file is an Excel workbook (.xlsx), not an .ods spreadsheet: save it as .ods, or save its Locations "
            "and Providers sheets as CSV");
  EXPECT_EQ(locate(zip({{"content.xml", "<x/>", 8, 1}})).error(),
            "the .ods file is encrypted (content.xml is protected by a password): open it in a spreadsheet program "
            "and save a copy without a password, or save its sheets as CSV");
  EXPECT_EQ(locate(zip({{"META-INF/manifest.xml", "<manifest:encryption-data/>"}, {"content.xml", "x", 8}})).error(),
            "the .ods file is encrypted (it was saved with a password): open it in a spreadsheet program and save a "
            "copy without a password, or save its sheets as CSV");
  EXPECT_EQ(locate(zip({{"content.xml", "<x/>", 12}})).error(),
            "the .ods file's content.xml is compressed with zip method 12, which this reader does not read (only "
            "stored and deflated parts, as spreadsheet programs write them): save the sheets as CSV instead");
  EXPECT_EQ(locate(zip({{"content.xml", "<x/>", 0}}, "", 99)).error(),
            "the .ods file is damaged: content.xml is stored uncompressed but its two sizes differ");
  std::string zip64 = whole;
  std::string locator;
  put32(locator, 0x07064b50);
  locator.append(16, '\0');
  zip64.insert(zip64.size() - 22, locator);
  EXPECT_EQ(locate(zip64).error(),
            "the .ods file is a zip64 archive (over 4 GB, or with over 65 535 parts), which this reader does not "
            "read: save its Locations and Providers sheets as CSV and give those instead");
  std::string moved = whole;
  moved[0] = 'X';  // the local header's signature
  EXPECT_EQ(locate(moved).error(), "the .ods file is damaged: content.xml is not where its central directory says");
  std::string fewer = whole;
  fewer[fewer.size() - 22 + 10] = 2;  // the end record counts two parts
  EXPECT_EQ(locate(fewer).error(),
            "the .ods file is damaged: its central directory lists fewer parts than the end of the zip says");
  std::string split = whole;
  split[split.size() - 22 + 4] = 1;  // this disk's number
  EXPECT_EQ(locate(split).error(),
            "the .ods file is one part of a zip split across several files, which this reader does not read");
  // Bytes given that are not the ones asked for.
  OdsZip z(whole.size());
  z.give("short");
  EXPECT_EQ(z.error(), "the .ods file cannot be read: it ends before the zip says it does");
}

TEST(ZipRecords, TheInflatedBytesAreChecked) {
  EXPECT_EQ(contract::crc32(0, "123456789"), 0xCBF43926u);  // the standard check value
  EXPECT_EQ(contract::crc32(contract::crc32(0, "1234"), "56789"), 0xCBF43926u);
  contract::ZipEntry entry;
  entry.name = "content.xml";
  entry.size = 9;
  entry.crc = 0xCBF43926u;
  contract::ZipEntryCheck good(entry);
  EXPECT_TRUE(good.add("1234") && good.add("56789"));
  EXPECT_EQ(good.finish(), "");
  contract::ZipEntryCheck more(entry);
  EXPECT_FALSE(more.add("1234567890"));
  EXPECT_EQ(more.finish(), "the .ods file is damaged: content.xml inflates to more than the 9 bytes the zip says");
  contract::ZipEntryCheck fewer(entry);
  fewer.add("123");
  EXPECT_EQ(fewer.finish(), "the .ods file is damaged: content.xml inflates to 3 bytes, not the 9 the zip says");
  contract::ZipEntryCheck changed(entry);
  changed.add("123456780");
  EXPECT_EQ(changed.finish(), "the .ods file is damaged: content.xml's checksum (CRC-32) does not match its contents");
  contract::ZipEntryCheck unchecked(entry, nullptr);
  unchecked.add("123456780");
  EXPECT_EQ(unchecked.finish(), "");
  EXPECT_EQ(contract::zip_inflate_error(entry, "zlib: invalid block type"),
            "the .ods file is damaged: content.xml's compressed data cannot be inflated (zlib: invalid block type)");
  EXPECT_EQ(contract::zip_data_ends_early(entry),
            "the .ods file is damaged: content.xml's compressed data ends before content.xml does");
}

}  // namespace
}  // namespace cqc::test
