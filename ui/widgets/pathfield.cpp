#include "pathfield.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace wb {

QWidget* withBrowseButton(QLineEdit* edit, std::function<QString(const QString& current)> choose, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QPushButton(QCoreApplication::translate("wb::PathField", "Browse…"), row);
    browse->setObjectName(edit->objectName().isEmpty() ? QString() : edit->objectName() + QStringLiteral("Browse"));
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, edit, [edit, choose = std::move(choose)] {
        const QString path = choose(edit->text());
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

} // namespace wb
