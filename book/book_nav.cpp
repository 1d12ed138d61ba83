// book_nav: the book's reading order, from one list (DESCENT_CHAPTERS, written by
// book/CMakeLists.txt into reading_order.tsv) to every place that shows it.
//
//   book_nav check-sources ORDER            every page has a title and a label, every chapter a
//                                           summary and the number of its place in the list
//   book_nav filter ORDER html|latex FILE   Doxygen's input filter for the book's pages: the
//                                           previous/next bar, the exercises as a sub-page,
//                                           "Chapter N" and "Exercise N.M" made links, the
//                                           generated lists; the line count is kept, so
//                                           Doxygen's messages name the source's own lines
//   book_nav search-index ORDER HTML_DIR    HTML_DIR/booksearch/documents.js: the text of every
//                                           section of the pages, and of the library reference,
//                                           for the search box (book/booksearch.js)
//   book_nav check-html ORDER HTML_DIR      the built book follows the reading order: side
//                                           tree, Chapters page, previous/next links, no
//                                           mention of another chapter left without its link,
//                                           and no markup left raw in the text
//
// ORDER holds one page a line, "role<TAB>path", in reading order; role is front, chapter,
// exercises, appendix or contents; a line "root<TAB>path" names the source tree. A page's first line is "# Title {#label}"; a chapter's title
// is "Chapter N: Name" and its second line "<!-- summary: one line -->".
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Page {
  std::string role;     // front, chapter, exercises, appendix, contents
  std::string path;     // the markdown source
  std::string label;    // Doxygen's page name
  std::string title;
  std::string summary;  // "<!-- summary: … -->" on line 2; chapters must have one
  int chapter = 0;      // chapter and exercises pages: the chapter's number
  int exercises = -1;   // chapter pages: index of its exercises page, or -1
};

struct Book {
  std::vector<Page> pages;  // reading order
  std::string root;         // the source tree, where \snippet paths start (EXAMPLE_PATH)

  [[nodiscard]] const Page* chapter(int number) const {
    for (const Page& page : pages) {
      if (page.role == "chapter" && page.chapter == number) return &page;
    }
    return nullptr;
  }
  [[nodiscard]] const Page* exercises_of(int number) const {
    const Page* page = chapter(number);
    return page && page->exercises >= 0 ? &pages[page->exercises] : nullptr;
  }
  // The pages that carry a previous/next bar, in order: all but the front page and the
  // Chapters page itself.
  [[nodiscard]] std::vector<const Page*> sequence() const {
    std::vector<const Page*> out;
    for (const Page& page : pages) {
      if (page.label != "mainpage" && page.role != "contents") out.push_back(&page);
    }
    return out;
  }
};

[[noreturn]] void fail(const std::string& message) { throw std::runtime_error(message); }

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail("cannot read " + path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The HTML file Doxygen writes for a page.
std::string html_file(const std::string& label) {
  return label == "mainpage" ? "index.html" : label + ".html";
}

const std::regex title_line(R"(^# (.+) \{#([a-z0-9_]+)\}\s*$)");
const std::regex chapter_title(R"(^Chapter ([0-9]+): (.+)$)");
const std::regex summary_line(R"(^<!-- summary: (.+) -->\s*$)");

Book read_book(const std::string& order_path) {
  Book book;
  int last_chapter = 0;
  for (const std::string& entry : read_lines(order_path)) {
    if (entry.empty()) continue;
    const auto tab = entry.find('\t');
    if (tab == std::string::npos) fail(order_path + ": no tab in '" + entry + "'");
    if (entry.substr(0, tab) == "root") {
      book.root = entry.substr(tab + 1);
      continue;
    }
    Page page{entry.substr(0, tab), entry.substr(tab + 1), {}, {}, {}, 0, -1};
    const std::vector<std::string> lines = read_lines(page.path);
    // A control character is a slip of a script (a "\r" of "\ref" read as a carriage return).
    for (std::size_t i = 0; i < lines.size(); ++i) {
      for (const char c : lines[i]) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
          fail(page.path + ":" + std::to_string(i + 1) + ": a control character (code " +
               std::to_string(static_cast<int>(c)) + ") in the text");
        }
      }
    }
    std::smatch match;
    if (lines.empty() || !std::regex_match(lines[0], match, title_line)) {
      fail(page.path + ":1: the first line must be '# Title {#label}'");
    }
    page.title = match[1];
    page.label = match[2];
    if (lines.size() < 2) fail(page.path + ":2: the page has no second line");
    const bool summary = std::regex_match(lines[1], match, summary_line);
    if (summary) page.summary = match[1];
    if (page.role == "chapter") {
      if (!summary) fail(page.path + ":2: a chapter's second line is '<!-- summary: one line -->'");
      std::smatch number;
      if (!std::regex_match(page.title, number, chapter_title)) {
        fail(page.path + ":1: a chapter's title is 'Chapter N: Name'");
      }
      page.chapter = std::stoi(number[1]);
      if (page.chapter != last_chapter + 1) {
        fail(page.path + ":1: this is chapter " + std::to_string(last_chapter + 1) +
             " of DESCENT_CHAPTERS (chapters/CMakeLists.txt), not " + std::to_string(page.chapter));
      }
      last_chapter = page.chapter;
    } else if (!summary && !lines[1].empty()) {
      fail(page.path + ":2: the second line must be blank (the book puts its navigation there)");
    } else if (page.role == "exercises") {
      if (book.pages.empty() || book.pages.back().role != "chapter") {
        fail(page.path + ": an exercises page follows its chapter in the reading order");
      }
      page.chapter = book.pages.back().chapter;
      book.pages.back().exercises = static_cast<int>(book.pages.size());
    } else if (page.role != "front" && page.role != "appendix" && page.role != "contents") {
      fail(order_path + ": unknown role '" + page.role + "'");
    }
    book.pages.push_back(page);
  }
  return book;
}

std::string escape_html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The filter.

// The previous/next bar of a page, one line of HTML for Doxygen's \htmlonly[block].
std::string nav_bar(const Book& book, const Page& page, const std::string& where) {
  const auto sequence = book.sequence();
  std::size_t at = 0;
  while (at < sequence.size() && sequence[at] != &page) ++at;
  std::string bar = "\\htmlonly[block]<nav class=\"booknav booknav-" + where + "\">";
  const auto link = [&](const std::string& cls, const std::string& rel, const Page& to,
                        const std::string& text) {
    bar += "<a class=\"" + cls + "\"" + (rel.empty() ? "" : " rel=\"" + rel + "\"") + " href=\"" +
           html_file(to.label) + "\">" + text + "</a>";
  };
  if (at == sequence.size()) {  // the front page: no previous page, the first page next
    at = static_cast<std::size_t>(-1);
  } else {
    const Page& previous = at == 0 ? book.pages.front() : *sequence[at - 1];
    link("booknav-prev", "prev", previous, "&larr; " + escape_html(previous.title));
  }
  for (const Page& contents : book.pages) {
    if (contents.role == "contents") link("booknav-up", "", contents, escape_html(contents.title));
  }
  if (page.exercises >= 0) link("booknav-exercises", "", book.pages[page.exercises], "Exercises");
  if (at + 1 < sequence.size()) {
    link("booknav-next", "next", *sequence[at + 1], escape_html(sequence[at + 1]->title) + " &rarr;");
  } else {
    bar += "<a class=\"booknav-next\" rel=\"next\" href=\"namespacedescent.html\">Library reference &rarr;</a>";
  }
  return bar + "</nav>\\endhtmlonly";
}

// "Chapter 3" → \ref ch03_… "Chapter 3"; "Chapters 4, 5 and 8" → each known number linked;
// "Exercise 1.2" → its chapter's exercises page. Not on the page's own chapter or exercises.
std::string link_mentions(const Book& book, const Page& page, const std::string& text) {
  static const std::regex mention(
      R"(\b(Chapters?|Exercise) ([0-9]+)(\.[0-9]+)?((?:, [0-9]+)*(?:,? and [0-9]+)?))");
  std::string out;
  auto from = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), mention), end; it != end; ++it) {
    const std::smatch& m = *it;
    out.append(from, m[0].first);
    from = m[0].second;
    // Already a link's text ("…" of a \ref, […] of a markdown link): left alone.
    const bool quoted = m.position(0) > 0 && (text[m.position(0) - 1] == '"' || text[m.position(0) - 1] == '[');
    const std::string word = m[1];
    const int first = std::stoi(m[2]);
    const auto target = [&](int number) -> const Page* {
      const Page* to = word == "Exercise" ? book.exercises_of(number) : book.chapter(number);
      return to == nullptr || to == &page || quoted ? nullptr : to;
    };
    if (word == "Exercise" || word == "Chapter") {
      const Page* to = (word == "Exercise") == m[3].matched ? target(first) : nullptr;
      const std::string said = word + " " + std::string(m[2]) + std::string(m[3]);
      out += to ? "\\ref " + to->label + " \"" + said + "\"" : said;
      out += m[4];
      continue;
    }
    // "Chapters A, B and C": link every number that is a chapter.
    out += "Chapters ";
    const std::string numbers = std::string(m[2]) + std::string(m[4]);
    static const std::regex number("[0-9]+");
    auto rest = numbers.cbegin();
    for (std::sregex_iterator n(numbers.begin(), numbers.end(), number), none; n != none; ++n) {
      out.append(rest, (*n)[0].first);
      rest = (*n)[0].second;
      const Page* to = target(std::stoi((*n)[0]));
      out += to ? "\\ref " + to->label + " \"" + std::string((*n)[0]) + "\"" : std::string((*n)[0]);
    }
    out.append(rest, numbers.cend());
    if (m[3].matched) out += m[3];
  }
  out.append(from, text.cend());
  return out;
}

// The file Doxygen writes for a source file's listing: its name with '_' → "__", '.' → "_8";
// when another listed source has the same name, its path from the root, '/' → "_2".
std::string listing_file(const std::string& root, const std::string& path) {
  const std::string base = std::filesystem::path(path).filename().string();
  int same_name = 0;
  for (const char* folder : {"lib/descent", "lib/src", "chapters"}) {
    if (!std::filesystem::exists(root + "/" + folder)) continue;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root + "/" + folder)) {
      if (entry.path().filename() == base) ++same_name;
    }
  }
  std::string name;
  for (const char c : same_name > 1 ? path : base) {
    if (c == '_') name += "__";
    else if (c == '.') name += "_8";
    else if (c == '/') name += "_2";
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') name += c;
    else fail(path + ": a quoted file's name may hold only a-z, 0-9, '-', '_' and '.'");
  }
  return name + "_source.html";
}

// Where a quoted snippet comes from: its file and lines, linked to the line in the file's
// listing (one line of HTML, written before the \snippet on the same line). Exercise files
// hold their solutions, so they have no listing: their path is shown without a link.
std::string snippet_source(const Book& book, const std::string& path, const std::string& tag,
                           bool html) {
  const std::vector<std::string> source = read_lines(book.root + "/" + path);
  std::vector<std::size_t> markers;  // the two comment lines "// [tag]" around the snippet
  for (std::size_t i = 0; i < source.size(); ++i) {
    const auto at = source[i].find("[" + tag + "]");
    if (at != std::string::npos && source[i].find("//") < at) markers.push_back(i);
  }
  if (markers.size() != 2) {
    fail(path + ": the snippet [" + tag + "] needs exactly two marker lines, found " +
         std::to_string(markers.size()));
  }
  // 1-based: the first line after the opening marker to the last line before the closing one.
  const std::size_t first = markers[0] + 2;
  const std::size_t last = markers[1];
  const std::string lines = first == last ? "line " + std::to_string(first)
                                          : "lines " + std::to_string(first) + "–" +
                                                std::to_string(last);
  std::string where = path;
  if (html && !path.starts_with("exercises/")) {
    char anchor[16];
    std::snprintf(anchor, sizeof anchor, "#l%05zu", first);
    where = "<a href=\"" + listing_file(book.root, path) + anchor + "\">" + path + "</a>";
  }
  return "<div class=\"snippet-source\">" + where + ", " + lines + "</div>";
}

// Links mentions in a line of prose, leaving `code` and \f$maths\f$ alone.
std::string link_line(const Book& book, const Page& page, const std::string& line) {
  std::string out;
  std::string prose;
  bool code = false;
  bool maths = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const bool tick = line[i] == '`' && !maths;
    const bool dollar = !code && line.compare(i, 3, "\\f$") == 0;
    if (tick || dollar) {
      if (!code && !maths) out += link_mentions(book, page, prose), prose.clear();
      if (tick) code = !code;
      if (dollar) maths = !maths;
      out += dollar ? "\\f$" : "`";
      i += dollar ? 2 : 0;
    } else if (code || maths) {
      out += line[i];
    } else {
      prose += line[i];
    }
  }
  return out + link_mentions(book, page, prose);
}

std::string dash(const std::string& summary) { return summary.empty() ? "" : " — " + summary; }

// The list of chapters on the front page.
std::string chapter_list(const Book& book) {
  std::string list;
  for (const Page& page : book.pages) {
    if (page.role != "chapter") continue;
    list += std::to_string(page.chapter) + ". \\ref " + page.label + " \"" +
            std::regex_replace(page.title, chapter_title, "$2") + "\" — " + page.summary;
    if (page.exercises >= 0) list += " Exercises: \\ref " + book.pages[page.exercises].label + ".";
    list += "\n";
  }
  return list;
}

// The front page's list of the pages around the chapters: front matter and appendices.
std::string around_list(const Book& book) {
  std::string list;
  for (const Page& page : book.pages) {
    if ((page.role == "front" && page.label != "mainpage") || page.role == "appendix") {
      list += "- \\ref " + page.label + dash(page.summary) + "\n";
    }
  }
  return list;
}

// The Chapters page: everything in reading order. Its \subpage commands make the side tree.
std::string contents_list(const Book& book) {
  std::string list;
  std::string section;
  const auto heading = [&](const std::string& name) {
    // Not a markdown heading, which the side tree would list before the pages.
    if (section != name) list += "\n<h2>" + name + "</h2>\n\n";
    section = name;
  };
  for (const Page& page : book.pages) {
    if (page.role == "front") {
      heading("Front matter");
      list += page.label == "mainpage" ? "- \\ref index \"" + page.title + "\"\n"
                                      : "- \\subpage " + page.label + dash(page.summary) + "\n";
    } else if (page.role == "chapter") {
      heading("Chapters");
      list += "- \\subpage " + page.label + dash(page.summary) + "\n";
      if (page.exercises >= 0) list += "  - Exercises: \\ref " + book.pages[page.exercises].label + "\n";
    } else if (page.role == "appendix") {
      heading("Appendices");
      list += "- \\subpage " + page.label + dash(page.summary) + "\n";
    }
  }
  heading("Library reference");
  return list +
                "- \\ref descent \"The descent namespace\": every function and class the chapters "
                "call, with its documentation and source.\n";
}

// Doxygen 1.9.4's LaTeX output turns ' in a formula into a text quote: the PDF's formulas say
// \descentprime, \descentprimeprime… instead (book/descent-latex.sty), LaTeX's own primes, so
// w'^* still typesets. `maths` carries a \f[ … \f] display across lines.
std::string latex_primes(const std::string& line, bool& maths) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 3, "\\f$") == 0 || line.compare(i, 3, "\\f[") == 0 || line.compare(i, 3, "\\f]") == 0) {
      maths = line[i + 2] == '$' ? !maths : line[i + 2] == '[';
      out += line.substr(i, 3);
      i += 2;
    } else if (maths && line[i] == '\'') {  // C'' is \descentprimeprime: LaTeX's own ''
      out += "\\descent";
      for (; i < line.size() && line[i] == '\''; ++i) out += "prime";
      out += " ";
      --i;
    } else {
      out += line[i];
    }
  }
  return out;
}

int filter(const Book& book, const std::string& format, const std::string& path) {
  const Page* page = nullptr;
  for (const Page& candidate : book.pages) {
    if (candidate.path == path) page = &candidate;
  }
  const std::vector<std::string> lines = read_lines(path);
  if (page == nullptr) {  // not a page of the reading order: unchanged
    for (const std::string& line : lines) std::cout << line << '\n';
    return 0;
  }
  const bool html = format == "html";
  const bool navigated = page->label != "mainpage" && page->role != "contents";
  bool fenced = false;  // inside ``` or ~~~, \code, \verbatim, \f[ or \htmlonly
  static const std::regex opens(R"(^\s*(```|~~~|\\code|\\verbatim|\\f\[|\\htmlonly|\\latexonly))");
  static const std::regex command(R"(^\s*\\(image|snippet|verbinclude|include|dontinclude))");
  static const std::regex closes(R"((```|~~~|\\endcode|\\endverbatim|\\f\]|\\endhtmlonly|\\endlatexonly))");
  bool maths = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string line = html ? lines[i] : latex_primes(lines[i], maths);
    if (i == 1) {  // blank or the summary: the top bar, one line, so line numbers stay
      std::cout << (html && navigated ? nav_bar(book, *page, "top") : "") << '\n';
      continue;
    }
    if (line == "<!-- descent:chapters -->") {
      std::cout << chapter_list(book);
      continue;
    }
    if (line == "<!-- descent:around -->") {
      std::cout << around_list(book);
      continue;
    }
    if (line == "<!-- descent:contents -->") {
      std::cout << contents_list(book);
      continue;
    }
    const bool starts = !fenced && std::regex_search(line, opens);
    if (fenced || starts) {
      std::cout << line << '\n';
      std::smatch open;
      const std::string after = starts && std::regex_search(line, open, opens) ? open.suffix().str() : line;
      fenced = !std::regex_search(after, closes);
      continue;
    }
    // The PDF shows the figures converted to PDF (the pdf target converts every SVG).
    static const std::regex svg_image(R"(^(\s*)\\image html (\S+)\.svg(.*)$)");
    if (!html && std::regex_match(line, svg_image)) {
      std::cout << std::regex_replace(line, svg_image, "$1\\image latex $2.pdf$3 width=0.8\\textwidth")
                << '\n';
      continue;
    }
    static const std::regex snippet(R"(^\s*\\snippet(?:lineno)?\s+(\S+)\s+(\S+)\s*$)");
    std::smatch quoted;
    if (std::regex_match(line, quoted, snippet)) {
      std::cout << snippet_source(book, quoted[1], quoted[2], html) << line << '\n';
      continue;
    }
    const bool heading = i == 0 || line.starts_with("#") || std::regex_search(line, command);
    std::cout << (heading ? line : link_line(book, *page, line)) << '\n';
  }
  // In the HTML the exercises page is a sub-page of its chapter, under it in the side tree (the
  // bars link it); the PDF keeps it as a chapter of its own, after its chapter.
  if (html && page->exercises >= 0) {
    std::cout << "\n<div class=\"booknav-subpage\">\\subpage " << book.pages[page->exercises].label
              << "</div>\n";
  }
  if (html && (navigated || page->label == "mainpage")) {
    std::cout << "\n" << nav_bar(book, *page, "bottom") << "\n";
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The check of the built HTML.

int errors = 0;
void expect(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "book_nav: " << what << '\n';
    ++errors;
  }
}

// Every .html file a text links to (href="…" or the side tree's "…"), in order, without
// anchors and without repeats in a row.
std::vector<std::string> linked_files(const std::string& text, const std::regex& link) {
  std::vector<std::string> files;
  for (std::sregex_iterator it(text.begin(), text.end(), link), end; it != end; ++it) {
    const std::string file = (*it)[1];
    if (files.empty() || files.back() != file) files.push_back(file);
  }
  return files;
}

// The side tree, flattened in order: navtreedata.js and the child files it names.
std::string flatten_tree(const std::string& dir, const std::string& text, int depth = 0) {
  if (depth > 8) return text;
  static const std::regex child(R"re(\[ "[^"]*", "[^"]*", "([A-Za-z0-9_]+)" \])re");
  std::string out;
  auto from = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), child), end; it != end; ++it) {
    out.append(from, (*it)[0].second);
    from = (*it)[0].second;
    std::ifstream in(dir + "/" + std::string((*it)[1]) + ".js");
    if (in) {
      std::ostringstream sub;
      sub << in.rdbuf();
      out += flatten_tree(dir, sub.str(), depth + 1);
    }
  }
  out.append(from, text.cend());
  return out;
}

// Whether `files`, less the files not in `wanted` and repeats in a row, is exactly `wanted`.
void expect_order(const std::vector<std::string>& files, const std::vector<std::string>& wanted,
                  const std::string& where) {
  std::vector<std::string> found;
  for (const std::string& file : files) {
    const bool listed = std::find(wanted.begin(), wanted.end(), file) != wanted.end();
    if (listed && (found.empty() || found.back() != file)) found.push_back(file);
  }
  const auto join = [](const std::vector<std::string>& list) {
    std::string text;
    for (const std::string& item : list) text += " " + item;
    return text;
  };
  expect(found == wanted, where + " does not list the reading order:\n  wanted" + join(wanted) +
                              "\n  found " + join(found));
}

// The text of a page body a reader sees as prose: no links, code, headings or tags.
std::string prose_of(std::string html) {
  const auto body = html.find("<div class=\"contents\">");
  html = html.substr(body == std::string::npos ? 0 : body);
  static const std::regex hidden(
      R"(<a [^>]*>[\s\S]*?</a>|<pre[\s\S]*?</pre>|<div class="fragment">[\s\S]*?</div><!-- fragment -->|<code>[\s\S]*?</code>|<h[1-6][\s\S]*?</h[1-6]>|<nav[\s\S]*?</nav>|<span class="tt">[\s\S]*?</span>)");
  html = std::regex_replace(html, hidden, " ");
  static const std::regex tag("<[^>]*>");
  return std::regex_replace(html, tag, " ");
}

int check_html(const Book& book, const std::string& dir) {
  if (!std::ifstream(dir + "/navtreedata.js")) {
    fail("no book in " + dir + ": build it first (cmake --build build --target book)");
  }
  const std::string tree = read_file(dir + "/navtreedata.js");
  const std::string tree_start = "var NAVTREE =";
  expect(tree.find(tree_start) != std::string::npos, "navtreedata.js has no NAVTREE");
  const std::string nav = flatten_tree(dir, tree.substr(tree.find(tree_start)));
  static const std::regex tree_link(R"re("([A-Za-z0-9_]+\.html)")re");  // pages, not sections
  std::vector<std::string> order;
  for (const Page& page : book.pages) order.push_back(html_file(page.label));
  order.push_back("namespaces.html");  // the library reference comes last
  expect_order(linked_files(nav, tree_link), order, "the side tree");

  static const std::regex href(R"re(href="([A-Za-z0-9_]+\.html)(?:#[^"]*)?")re");
  const auto sequence = book.sequence();
  for (const Page& page : book.pages) {
    const std::string file = html_file(page.label);
    const std::string html = read_file(dir + "/" + file);
    if (page.role == "contents") {
      std::vector<std::string> wanted = order;
      wanted.back() = "namespacedescent.html";
      std::erase(wanted, file);
      const std::string body = html.substr(std::min(html.size(), html.find("<div class=\"contents\">")));
      expect_order(linked_files(body, href), wanted, file);
      for (const Page& chapter : book.pages) {
        expect(chapter.role != "chapter" || body.find(escape_html(chapter.summary.substr(0, 16))) != std::string::npos,
               file + ": no summary of " + chapter.title);
      }
    }
    if (page.label == "mainpage") {
      const std::string first = html_file(sequence.front()->label);
      expect(html.find("rel=\"next\" href=\"" + first + "\"") != std::string::npos,
             file + ": no link to the first page, " + first);
    }
    for (std::size_t at = 0; at < sequence.size(); ++at) {
      if (sequence[at] != &page) continue;
      const std::string previous = at ? html_file(sequence[at - 1]->label) : "index.html";
      const std::string next = at + 1 < sequence.size() ? html_file(sequence[at + 1]->label)
                                                        : "namespacedescent.html";
      for (const std::string where : {"top", "bottom"}) {
        const auto start = html.find("<nav class=\"booknav booknav-" + where + "\">");
        expect(start != std::string::npos, file + ": no " + where + " navigation bar");
        if (start == std::string::npos) continue;
        const std::string bar = html.substr(start, html.find("</nav>", start) - start);
        expect(bar.find("rel=\"prev\" href=\"" + previous + "\"") != std::string::npos,
               file + ": the " + where + " bar's previous page is not " + previous);
        expect(bar.find("rel=\"next\" href=\"" + next + "\"") != std::string::npos,
               file + ": the " + where + " bar's next page is not " + next);
        if (page.exercises >= 0) {
          const std::string exercises = html_file(book.pages[page.exercises].label);
          expect(bar.find("href=\"" + exercises + "\">Exercises<") != std::string::npos,
                 file + ": the " + where + " bar has no link to " + exercises);
        }
      }
    }
    // Every quoted snippet says where it comes from, and its link reaches the quoted line.
    std::size_t quoted = 0;
    for (const std::string& line : read_lines(page.path)) {
      static const std::regex snippet(R"(^\s*\\snippet(?:lineno)?\s)");
      if (std::regex_search(line, snippet)) ++quoted;
    }
    static const std::regex source(R"re(<div class="snippet-source">(?:<a href="([^"#]+)#(l[0-9]+)">)?)re");
    std::size_t shown = 0;
    for (std::sregex_iterator it(html.begin(), html.end(), source), end; it != end; ++it, ++shown) {
      if (!(*it)[1].matched) continue;
      const std::string listing = dir + "/" + (*it)[1].str();
      expect(std::filesystem::exists(listing), file + ": a snippet links to " + (*it)[1].str() +
                                                   ", which Doxygen did not write");
      expect(!std::filesystem::exists(listing) ||
                 read_file(listing).find("id=\"" + (*it)[2].str() + "\"") != std::string::npos,
             file + ": " + (*it)[1].str() + " has no line " + (*it)[2].str());
    }
    expect(shown == quoted, file + ": " + std::to_string(quoted) + " snippets quoted, " +
                                std::to_string(shown) + " say where they come from");
    // A mention of another chapter is a link.
    if (page.role == "contents") continue;
    const std::string prose = prose_of(html);
    // Markup that reached the reader as text: Doxygen leaves `**` and `\f$` as they are when it
    // cannot pair them (math inside bold, for one).
    for (const std::string raw : {"\\f$", "\\f[", "\\f]", "**", "\\ref ", "\\snippet", "\\image", "`"}) {
      expect(prose.find(raw) == std::string::npos, file + ": the text shows raw markup '" + raw + "'");
    }
    // Doxygen puts a space before every inline formula, so "(\f$x\f$)" reads "( x)": the bracket
    // belongs inside the formula, or a word between them.
    for (const std::string gap : {"( \\(", "[ \\("}) {
      expect(prose.find(gap) == std::string::npos,
             file + ": a formula right after '" + gap.substr(0, 1) + "' is shown with a space before it");
    }
    static const std::regex mention(R"(Chapters? ([0-9]+)((?:, [0-9]+)*(?:,? and [0-9]+)?))");
    for (std::sregex_iterator it(prose.begin(), prose.end(), mention), end; it != end; ++it) {
      const std::string said = (*it)[0];
      static const std::regex number("[0-9]+");
      for (std::sregex_iterator n(said.begin(), said.end(), number), none; n != none; ++n) {
        const Page* to = book.chapter(std::stoi((*n)[0]));
        expect(to == nullptr || to == &page || (page.role == "exercises" && page.chapter == to->chapter),
               file + ": '" + said + "' is not a link");
      }
    }
  }
  std::cout << (errors ? "" : "book_nav: the reading order holds in " + dir + "\n");
  return errors ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// The search index.

// Visible text of some HTML: tags dropped, entities decoded, white space collapsed.
std::string text_of(const std::string& html) {
  static const std::regex hidden(R"(<script[\s\S]*?</script>|<nav[\s\S]*?</nav>|<div class="booknav-subpage">[\s\S]*?</div>)");
  static const std::regex tag("<[^>]*>");
  std::string text = std::regex_replace(std::regex_replace(html, hidden, " "), tag, " ");
  static const std::vector<std::pair<std::string, std::string>> entities = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&#160;", " "},
      {"&nbsp;", " "}, {"&larr;", "←"}, {"&rarr;", "→"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + character.size())) {
      text.replace(at, entity.size(), character);
    }
  }
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '/' && i > 0 && text[i - 1] == '<') out += "\\/";  // no "</script>"
    else if (static_cast<unsigned char>(c) < 0x20) out += ' ';
    else out += c;
  }
  return out + "\"";
}

struct Document {
  std::string url, page, title, text;
};

// A page cut at its <h1>/<h2> sections; the part before the first is the page's own.
void add_sections(std::vector<Document>& documents, const std::string& file, const std::string& html) {
  const auto title_at = html.find("<div class=\"title\">");
  const std::string page_title =
      title_at == std::string::npos ? file : text_of(html.substr(title_at, html.find("</div>", title_at) - title_at));
  const auto begin = html.find("<div class=\"contents\">");
  const auto end = html.find("<!-- contents -->", begin);
  if (begin == std::string::npos) return;
  const std::string body = html.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  static const std::regex heading(R"re(<h([12])[^>]*><a class="anchor" id="([^"]+)"></a>([\s\S]*?)</h\1>)re");
  std::string url = file, title = page_title;
  auto from = body.cbegin();
  const auto flush = [&](std::string::const_iterator to) {
    const std::string text = text_of(std::string(from, to));
    if (!text.empty()) documents.push_back({url, page_title, title, text});
  };
  for (std::sregex_iterator it(body.begin(), body.end(), heading), none; it != none; ++it) {
    flush((*it)[0].first);
    url = file + "#" + std::string((*it)[2]);
    title = text_of((*it)[3]);
    from = (*it)[0].second;
  }
  flush(body.cend());
}

int search_index(const Book& book, const std::string& dir) {
  std::vector<Document> documents;
  for (const Page& page : book.pages) {
    const std::string file = html_file(page.label);
    add_sections(documents, file, read_file(dir + "/" + file));
  }
  // The library reference: namespace, class and header pages (not member lists or sources).
  std::vector<std::string> reference;
  static const std::regex api(R"(^(namespace|class|struct)[A-Za-z0-9_]+\.html$|^[a-z0-9_]+_8hpp\.html$)");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, api) && name.find("-members") == std::string::npos) reference.push_back(name);
  }
  std::sort(reference.begin(), reference.end());
  for (const std::string& file : reference) {
    std::vector<Document> sections;
    add_sections(sections, file, read_file(dir + "/" + file));
    for (Document& section : sections) section.title = section.page;  // one entry a page is enough
    for (std::size_t i = 1; i < sections.size(); ++i) sections[0].text += " " + sections[i].text;
    if (!sections.empty()) documents.push_back(sections[0]);
  }
  std::filesystem::create_directories(dir + "/booksearch");
  std::ofstream out(dir + "/booksearch/documents.js", std::ios::binary);
  out << "// Written by book_nav search-index: the text the book's search box searches.\n"
         "var BOOK_DOCUMENTS = [\n";
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    out << "{\"url\":" << json_string(d.url) << ",\"page\":" << json_string(d.page) << ",\"title\":"
        << json_string(d.title) << ",\"text\":" << json_string(d.text) << "}"
        << (i + 1 < documents.size() ? ",\n" : "\n");
  }
  out << "];\nif (typeof module !== \"undefined\") module.exports = BOOK_DOCUMENTS;\n";
  if (!out) fail("cannot write " + dir + "/booksearch/documents.js");
  std::cout << "book_nav: " << documents.size() << " sections in the search index\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 2 && args[0] == "check-sources") {
      read_book(args[1]);
      return 0;
    }
    if (args.size() == 4 && args[0] == "filter") return filter(read_book(args[1]), args[2], args[3]);
    if (args.size() == 3 && args[0] == "search-index") return search_index(read_book(args[1]), args[2]);
    if (args.size() == 3 && args[0] == "check-html") return check_html(read_book(args[1]), args[2]);
  } catch (const std::exception& error) {
    std::cerr << "book_nav: " << error.what() << '\n';
    return 1;
  }
  std::cerr << "usage: book_nav check-sources ORDER | filter ORDER html|latex FILE | "
               "search-index ORDER HTML_DIR | check-html ORDER HTML_DIR\n";
  return 2;
}
