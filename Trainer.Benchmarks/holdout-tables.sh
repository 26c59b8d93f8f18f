#!/usr/bin/env bash
# Held-out real tables: data frames of R packages that ../shared/datasets/real-tables.sh does not use (mlbench, AER,
# modeldata, palmerpenguins), written the same way (R's write.csv: NA cells, quoted text, no row names), with
# targets.tsv (file, target column, task). The defaults were never measured on them before they were chosen, so the
# quality benchmark on them (quality --tables DIR) shows whether the recipe generalises beyond the tables it was
# tuned on. Picked for breadth, before any was run: 167 to 20,000 rows, tiny to wide, numeric and categorical,
# missing cells, two to 26 classes. Usage: holdout-tables.sh OUT_DIR   (installs R and the packages when root)
set -euo pipefail
out=${1:?usage: holdout-tables.sh OUT_DIR}
pkgs="r-base-core r-cran-mlbench r-cran-aer r-cran-modeldata r-cran-palmerpenguins"
if ! command -v Rscript >/dev/null || ! Rscript -e 'library(mlbench); library(AER); library(modeldata); library(palmerpenguins)' >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs) >/dev/null
  else echo "as root: apt-get install -y --no-install-recommends $pkgs" >&2; exit 1; fi
fi
mkdir -p "$out"
Rscript - "$out" <<'R'
out <- commandArgs(TRUE)[1]
# package, data set, target, task
sets <- read.table(header=TRUE, stringsAsFactors=FALSE, text="
pkg            name                 target               task
mlbench        Sonar                Class                classification
mlbench        Vehicle              Class                classification
mlbench        HouseVotes84         Class                classification
mlbench        BostonHousing        medv                 regression
mlbench        PimaIndiansDiabetes2 diabetes             classification
mlbench        Glass                Type                 classification
mlbench        Ionosphere           Class                classification
mlbench        BreastCancer         Class                classification
mlbench        Soybean              Class                classification
mlbench        LetterRecognition    lettr                classification
mlbench        Satellite            classes              classification
mlbench        Servo                Class                regression
mlbench        Vowel                Class                classification
AER            CreditCard           card                 classification
AER            HMDA                 deny                 classification
AER            SwissLabor           participation        classification
AER            CPS1985              wage                 regression
AER            HousePrices          price                regression
AER            DoctorVisits         visits               regression
AER            Affairs              affairs              regression
modeldata      ames                 Sale_Price           regression
modeldata      attrition            Attrition            classification
modeldata      credit_data          Status               classification
modeldata      concrete             compressive_strength regression
modeldata      mlc_churn            churn                classification
modeldata      Sacramento           price                regression
modeldata      hpc_data             class                classification
modeldata      stackoverflow        Remote               classification
palmerpenguins penguins             species              classification
")
tsv <- file.path(out, "targets.tsv")
cat("file\ttarget\ttask\n", file=tsv)
for (i in seq_len(nrow(sets))) {
  s <- sets[i, ]
  e <- new.env()
  ok <- tryCatch({ data(list=s$name, package=s$pkg, envir=e); exists(s$name, envir=e) }, error=function(x) FALSE, warning=function(x) FALSE)
  if (!ok) { message("skipped: ", s$pkg, "::", s$name); next }
  x <- as.data.frame(get(s$name, envir=e))
  x <- x[, sapply(x, function(c) is.atomic(c) && is.null(dim(c))), drop=FALSE]
  if (!(s$target %in% names(x))) { message("skipped (no target): ", s$name); next }
  f <- paste0(s$name, ".csv")
  write.csv(x, file.path(out, f), row.names=FALSE)
  cat(f, "\t", s$target, "\t", s$task, "\n", sep="", file=tsv, append=TRUE)
}
cat(nrow(read.delim(tsv)), "tables in", out, "(targets.tsv names each one's target)\n")
R
