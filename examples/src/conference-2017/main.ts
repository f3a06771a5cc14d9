console.log("danvan example placeholder")
