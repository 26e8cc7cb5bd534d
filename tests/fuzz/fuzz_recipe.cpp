// Recipe reader: a <model>.om.recipe.json as loadConversionRecipe reads it (a recipe opened from anywhere), then
// written back to JSON the way it is saved.
#include "fuzztarget.h"

#include "atc/conversionrecipe.h"

#include <QFileInfo>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = wbfuzz::writeInput(wbfuzz::bytes(data, size), QStringLiteral("model.om.recipe.json"));
    const auto recipe = wb::loadConversionRecipe(path);
    if (!recipe.ok())
        return 0;
    (void)wb::toJson(recipe.value().options);
    (void)wb::conversionRecipeToJson(recipe.value(), QFileInfo(path).absolutePath());
    return 0;
}
