#pragma once
// What the app shows of one inspection at one moment: the template it is pinned to, the state
// merge() computes from every operation the tablet holds, and score()'s report on it. Models read a
// snapshot; the controller replaces it after every change. Nothing here is computed by the app
// itself: one truth, the shared core's.

#include <careeval/merge.h>
#include <careeval/scoring.h>
#include <careeval/template.h>

#include <QString>

#include <map>
#include <memory>
#include <string>
#include <vector>

struct InspectionSnapshot {
    std::shared_ptr<const careeval::Template> tpl;
    careeval::InspectionState state;
    careeval::ScoreReport report;
    std::string me; //!< the signed-in author
    std::map<std::string, std::string> names; //!< team members' names by username
    std::string lang = "zh"; //!< template text language

    bool valid() const { return tpl != nullptr; }
    QString text(const careeval::LocalizedText &t) const { return QString::fromStdString(t.get(lang)); }
    //! An answer label for a button or chip: without emoji and other pictographs, which tablet
    //! fonts have only some of (the rest drew as empty boxes); the app draws its own faces.
    QString plainText(const careeval::LocalizedText &t) const;
    //! A person as people know them: the name the server gave, else the username.
    QString person(const std::string &username) const;
    //! The value shown for an item: the team value, else mine, else "" (canonical JSON).
    std::string shownValue(const std::string &itemId) const;
    //! My own current value of an item ("" when I gave none).
    std::string myValue(const std::string &itemId) const;
    //! What a signature acknowledges: the answerable items before it in its section (the closing
    //! meeting's report and suggestions before the representative's signature).
    std::vector<const careeval::Item *> signedContent(const careeval::Item &signature) const;
    //! Items of signedContent() whose shown value differs from the value recorded in the signature
    //! given on them ("covers"); empty when unsigned or unchanged.
    std::vector<const careeval::Item *> changedSinceSigned(const careeval::Item &signature) const;
    //! The signature item that recorded this item's value, if one is given (then its value is locked).
    const careeval::Item *signedBy(const careeval::Item &item) const;
};
